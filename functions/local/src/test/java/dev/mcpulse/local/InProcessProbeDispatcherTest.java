package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.ShardProbe;
import dev.mcpulse.testsupport.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A shard's start delay is a timer, as the probe queue's message delay is on AWS: a delayed shard holds no shard
 * thread while it waits, so a shard dispatched after it, with no delay, is probed first. Shards waiting on servers
 * that do not answer leave threads for the next.
 */
class InProcessProbeDispatcherTest {

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    final ManualClock clock = new ManualClock();

    @Test
    void aDelayedShardWaitsOnATimerNotOnTheOnlyShardThread() throws Exception {
        List.of("later", "now").forEach(id -> registry.put(endpoint(id)));
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()),
                (endpoint, credential) -> CompletableFuture.completedFuture(ok()), snapshots, new StatusPolicy(clock),
                change -> { }, clock, Duration.ofMinutes(5));
        InProcessProbeDispatcher dispatcher = new InProcessProbeDispatcher(new ShardProbe(registry, checker), 1);
        try {
            dispatcher.dispatch(new ProbeShard(clock.instant(), 0, List.of(new EndpointId("later")), Duration.ofHours(1)));
            dispatcher.dispatch(new ProbeShard(clock.instant(), 1, List.of(new EndpointId("now")), Duration.ZERO));

            for (int i = 0; i < 200 && snapshots.latest(new EndpointId("now")).isEmpty(); i++) {
                Thread.sleep(25); // bounded: the undelayed shard is probed on the one shard thread
            }
            assertThat(snapshots.latest(new EndpointId("now"))).isPresent();
            assertThat(snapshots.latest(new EndpointId("later"))).isEmpty();
        } finally {
            dispatcher.close(); // the delayed shard is dropped, not started
        }
        assertThat(snapshots.latest(new EndpointId("later"))).isEmpty();
    }

    @Test
    void byDefaultShardsWaitingOnServersThatDoNotAnswerDoNotHoldBackTheNextShard() throws Exception {
        int waiting = InProcessProbeDispatcher.DEFAULT_CONCURRENCY - 1;
        for (int i = 0; i < waiting; i++) {
            registry.put(endpoint("silent-" + i));
        }
        registry.put(endpoint("answering"));
        CompletableFuture<ProbeResult> silence = new CompletableFuture<>();
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()),
                (endpoint, credential) -> endpoint.id().value().startsWith("silent")
                        ? silence : CompletableFuture.completedFuture(ok()),
                snapshots, new StatusPolicy(clock), change -> { }, clock, Duration.ofMinutes(5));
        InProcessProbeDispatcher dispatcher = new InProcessProbeDispatcher(new ShardProbe(registry, checker),
                InProcessProbeDispatcher.DEFAULT_CONCURRENCY);
        try {
            for (int i = 0; i < waiting; i++) {
                dispatcher.dispatch(new ProbeShard(clock.instant(), i, List.of(new EndpointId("silent-" + i)), Duration.ZERO));
            }
            dispatcher.dispatch(new ProbeShard(clock.instant(), waiting, List.of(new EndpointId("answering")), Duration.ZERO));

            for (int i = 0; i < 200 && snapshots.latest(new EndpointId("answering")).isEmpty(); i++) {
                Thread.sleep(25); // bounded: with fewer shard threads than shards, it would wait behind the silent ones
            }
            assertThat(snapshots.latest(new EndpointId("answering"))).isPresent();
            assertThat(snapshots.latest(new EndpointId("silent-0"))).as("still waiting on its server").isEmpty();
        } finally {
            silence.complete(ok());
            dispatcher.close();
        }
    }

    @Test
    void anEndpointAnEarlierCyclesShardStillHoldsIsNotQueuedAgainUntilThatShardHasEnded() throws Exception {
        List.of("slow", "quick").forEach(id -> registry.put(endpoint(id)));
        CompletableFuture<ProbeResult> slowAnswer = new CompletableFuture<>();
        Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()), (endpoint, credential) -> {
            probes.computeIfAbsent(endpoint.id().value(), id -> new AtomicInteger()).incrementAndGet();
            return endpoint.id().value().equals("slow") ? slowAnswer : CompletableFuture.completedFuture(ok());
        }, snapshots, new StatusPolicy(clock), change -> { }, clock, Duration.ofMinutes(5));
        InProcessProbeDispatcher dispatcher = new InProcessProbeDispatcher(new ShardProbe(registry, checker), 4);
        EndpointId slow = new EndpointId("slow");
        try {
            dispatcher.dispatch(new ProbeShard(clock.instant(), 0, List.of(slow), Duration.ZERO));
            Instant nextCycle = clock.instant().plusSeconds(30);
            dispatcher.dispatch(new ProbeShard(nextCycle, 0, List.of(slow, new EndpointId("quick")), Duration.ZERO));
            dispatcher.dispatch(new ProbeShard(nextCycle, 1, List.of(slow), Duration.ZERO)); // all of it held: dropped

            for (int i = 0; i < 200 && snapshots.latest(new EndpointId("quick")).isEmpty(); i++) {
                Thread.sleep(25); // bounded: the second cycle's shard runs without the endpoint still held
            }
            assertThat(snapshots.latest(new EndpointId("quick"))).isPresent();
            slowAnswer.complete(ok());
            for (int i = 0; i < 200 && snapshots.latest(slow).isEmpty(); i++) {
                Thread.sleep(25);
            }
            assertThat(probes.get("slow")).as("probed by the first cycle's shard only").hasValue(1);

            // Once the shard that held it has ended (just after storing its check), a later cycle queues it again.
            ProbeShard later = new ProbeShard(nextCycle.plusSeconds(30), 0, List.of(slow), Duration.ZERO);
            for (int i = 0; i < 200 && probes.get("slow").get() < 2; i++) {
                dispatcher.dispatch(later);
                Thread.sleep(25);
            }
            assertThat(probes.get("slow").get()).isGreaterThanOrEqualTo(2);
        } finally {
            slowAnswer.complete(ok());
            dispatcher.close();
        }
    }

    static Endpoint endpoint(String id) {
        return new Endpoint(new EndpointId(id), id, Map.of(), URI.create("https://" + id + ".example.com/mcp"),
                Transport.AUTO, new AuthRef.None(), Duration.ofSeconds(10), Optional.empty(), true);
    }

    static ProbeResult ok() {
        return new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(1), Optional.empty(), Latency.total(5));
    }
}
