package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShardProbeTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final ManualClock clock = new ManualClock(T0);
    final List<Duration> slept = new ArrayList<>();
    final List<EndpointId> probed = new ArrayList<>();

    ShardProbe shardProbe() {
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()), (endpoint, credential) -> {
            synchronized (probed) {
                probed.add(endpoint.id());
            }
            return CompletableFuture.completedFuture(ok());
        }, store, new StatusPolicy(clock), change -> { }, clock, INTERVAL);
        return new ShardProbe(registry, checker, slept::add);
    }

    @Test
    void probesTheShardsEndpointsAndSkipsThoseDeletedOrPausedSince() {
        Endpoint a = endpoint("a");
        Endpoint paused = new Endpoint(new EndpointId("paused"), "p", Map.of(), a.url(), a.transport(), a.auth(),
                a.timeout(), a.readiness(), false);
        registry.put(a);
        registry.put(paused);
        var shard = new ProbeShard(T0, 0, List.of(a.id(), paused.id(), new EndpointId("deleted")), Duration.ZERO);

        ShardProbe.Report report = shardProbe().run(shard, Duration.ofMinutes(1));

        assertThat(probed).containsExactly(a.id());
        assertThat(report).isEqualTo(new ShardProbe.Report(0, 3, 1, 2, 1, Duration.ZERO));
        assertThat(store.latest(a.id())).isPresent();
        assertThat(slept).isEmpty();
    }

    @Test
    void theJitterDelayIsWaitedButNeverSoLongThatProbesCouldOverrunTheInvocation() {
        registry.put(endpoint("a")); // 10 s deadline
        var shard = new ProbeShard(T0, 2, List.of(new EndpointId("a")), Duration.ofSeconds(40));

        shardProbe().run(shard, Duration.ofSeconds(120));
        shardProbe().run(shard, Duration.ofSeconds(30));
        shardProbe().run(shard, Duration.ofSeconds(12));

        // 120 s left: the whole 40 s; 30 s left: 30 - 10 (probe) - 5 (writes) = 15 s; 12 s left: no wait at all.
        assertThat(slept).containsExactly(Duration.ofSeconds(40), Duration.ofSeconds(15));
    }
}
