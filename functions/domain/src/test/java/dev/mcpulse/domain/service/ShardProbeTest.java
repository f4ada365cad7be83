package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.bearer;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.EndpointChecker.ShardTiming;
import dev.mcpulse.testsupport.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShardProbeTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final ManualClock clock = new ManualClock(T0);
    final List<EndpointId> probed = new ArrayList<>();

    /** What the secret store was asked, in order: "prefetch [ids]" or "resolve id". */
    final List<String> asked = new ArrayList<>();
    final SecretResolver secrets = new SecretResolver() {
        final MapSecretResolver values = new MapSecretResolver(Map.of("s1", "v1", "s2", "v2", "s3", "v3"));

        @Override
        public SecretLookup resolve(SecretRef ref) {
            synchronized (asked) {
                asked.add("resolve " + ref.secretId());
            }
            return values.resolve(ref);
        }

        @Override
        public void prefetch(Collection<SecretRef> refs) {
            synchronized (asked) {
                asked.add("prefetch " + refs.stream().map(SecretRef::secretId).toList());
            }
        }
    };

    /** The store's appendChecks and appendHistory calls: what a shard wrote besides its snapshots. */
    final AtomicInteger appends = new AtomicInteger();

    EndpointChecker checker() {
        SnapshotStore countsAppends = (SnapshotStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SnapshotStore.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("append")) {
                        appends.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new EndpointChecker(secrets, (endpoint, credential) -> {
            synchronized (probed) {
                probed.add(endpoint.id());
            }
            return CompletableFuture.completedFuture(ok());
        }, countsAppends, new StatusPolicy(clock), change -> { }, clock, INTERVAL);
    }

    ShardProbe shardProbe() {
        return new ShardProbe(registry, checker());
    }

    /** The registry's reads of entries (get, getAll, list, page), counted on the way to the real one. */
    final AtomicInteger entryReads = new AtomicInteger();

    EndpointRegistry countingEntryReads() {
        return (EndpointRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EndpointRegistry.class}, (proxy, method, args) -> {
                    if (List.of("get", "getAll", "list", "page").contains(method.getName())) {
                        entryReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(registry, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The scheduler's read of the whole registry: its entries by id, and the version it read first. */
    record SchedulerRead(long version, Map<EndpointId, Endpoint> entries) {
        static SchedulerRead of(InMemoryEndpointRegistry registry) {
            long version = registry.version().orElseThrow();
            Map<EndpointId, Endpoint> entries = new HashMap<>();
            registry.list().forEach(endpoint -> entries.put(endpoint.id(), endpoint));
            return new SchedulerRead(version, entries);
        }
    }

    /** A shard of these endpoints, new in the registry, as the scheduler sends it: with the entries it read. */
    ProbeShard sentAfterRegistering(String... ids) {
        List<EndpointId> shardIds = new ArrayList<>();
        for (String id : ids) {
            registry.put(endpoint(id));
            shardIds.add(new EndpointId(id));
        }
        SchedulerRead read = SchedulerRead.of(registry);
        return new ProbeShard(T0, 0, shardIds, Duration.ZERO).carrying(read.version(), read.entries());
    }

    @Test
    void probesTheEntriesTheSchedulerSentWithoutReadingThemWhileTheRegistryIsUnchanged() {
        ProbeShard shard = sentAfterRegistering("a", "b");

        ShardProbe.Report report = new ShardProbe(countingEntryReads(), checker()).run(shard, ShardProbe.INVOCATION_TIME);

        assertThat(probed).containsExactlyInAnyOrder(new EndpointId("a"), new EndpointId("b"));
        assertThat(report.entriesRead()).isFalse();
        assertThat(entryReads).as("entries read by the probe").hasValue(0);
    }

    /**
     * Written since the scheduler read the registry: one entry paused, one deleted. The version moved, so the shard
     * reads its entries and skips both, as a shard without carried entries does.
     */
    @Test
    void readsTheEntriesAgainWhenTheRegistryWasWrittenSinceTheSchedulerReadIt() {
        ProbeShard shard = sentAfterRegistering("a", "b", "c");
        Endpoint a = endpoint("a");
        registry.put(new Endpoint(a.id(), a.name(), a.labels(), a.url(), a.transport(), a.auth(), a.timeout(),
                a.readiness(), false));
        registry.delete(new EndpointId("b"));

        ShardProbe.Report report = new ShardProbe(countingEntryReads(), checker()).run(shard, ShardProbe.INVOCATION_TIME);

        assertThat(probed).containsExactly(new EndpointId("c"));
        assertThat(report).isEqualTo(new ShardProbe.Report(0, 3, 1, 2, 0, 1, true));
        assertThat(entryReads).hasValue(1);
    }

    /** Carried entries that are not the shard's every entry are not trusted for any of them. */
    @Test
    void readsTheEntriesWhenTheCarriedOnesDoNotCoverTheShard() {
        ProbeShard sent = sentAfterRegistering("a", "b");
        ProbeShard shard = sent.carrying(sent.entries().orElseThrow().registryVersion(),
                Map.of(new EndpointId("a"), endpoint("a")));

        ShardProbe.Report report = new ShardProbe(countingEntryReads(), checker()).run(shard, ShardProbe.INVOCATION_TIME);

        assertThat(probed).containsExactlyInAnyOrder(new EndpointId("a"), new EndpointId("b"));
        assertThat(report.entriesRead()).isTrue();
    }

    @Test
    void probesTheShardsEndpointsAndSkipsThoseDeletedOrPausedSince() {
        Endpoint a = endpoint("a");
        Endpoint paused = new Endpoint(new EndpointId("paused"), "p", Map.of(), a.url(), a.transport(), a.auth(),
                a.timeout(), a.readiness(), false);
        registry.put(a);
        registry.put(paused);
        var shard = new ProbeShard(T0, 0, List.of(a.id(), paused.id(), new EndpointId("deleted")), Duration.ZERO);

        ShardProbe.Report report = shardProbe().run(shard, ShardProbe.INVOCATION_TIME);

        assertThat(probed).containsExactly(a.id());
        assertThat(report).isEqualTo(new ShardProbe.Report(0, 3, 1, 2, 0, 1, true));
        assertThat(store.latest(a.id())).isPresent();
    }

    /**
     * The probe queue fell behind: cycle T0's shard, due at once, arrives 7 minutes late, after the next cycle sent its
     * endpoints again and some were checked. Those checked since T0 (a written snapshot, or one confirmed by a
     * batch) are left out; the rest are probed.
     */
    @Test
    void aLateShardLeavesOutTheEndpointsCheckedSinceItsCycleBegan() {
        ShardOfT0 late = shardOfT0(Duration.ZERO, T0.plus(Duration.ofMinutes(7)));

        ShardProbe.Report report = shardProbe().run(late.shard(), ShardProbe.INVOCATION_TIME);

        assertThat(probed).containsExactlyInAnyOrder(late.checkedBefore(), late.neverChecked());
        assertThat(report).isEqualTo(new ShardProbe.Report(0, 4, 2, 0, 2, 2, true));
        assertThat(store.latest(late.checkedSince())).map(HealthSnapshot::checkedAt)
                .as("not written again").contains(CHECKED_SINCE);
    }

    /** Late is measured from when the shard was due, its jitter delay after the cycle began. */
    @Test
    void aShardIsLateOnlyOnceAMinutePastItsJitterDelay() {
        Duration delay = Duration.ofMinutes(4);
        ShardOfT0 onTime = shardOfT0(delay, T0.plus(delay).plus(ShardTiming.BEHIND_AFTER));

        assertThat(shardProbe().run(onTime.shard(), ShardProbe.INVOCATION_TIME).alreadyChecked()).isZero();
        assertThat(probed).containsExactlyInAnyOrderElementsOf(onTime.shard().endpointIds());

        probed.clear();
        appends.set(0);
        clock.advance(Duration.ofMillis(1));
        ProbeShard withBatch = new ProbeShard(T0, 0, onTime.shard().endpointIds(), delay, Optional.of(1));
        assertThat(shardProbe().run(withBatch, ShardProbe.INVOCATION_TIME).alreadyChecked())
                .as("a millisecond later, and now everything was checked since").isEqualTo(4);
        assertThat(probed).isEmpty();
        assertThat(appends).as("no empty check batch is written for a shard that probed nothing").hasValue(0);
    }

    /** A retry's batch replaces its first attempt's: it must check again what that attempt checked. */
    @Test
    void aLateShardDeliveredAgainProbesEveryEndpoint() {
        ShardOfT0 late = shardOfT0(Duration.ZERO, T0.plus(Duration.ofMinutes(7)));

        ShardProbe.Report report = shardProbe().run(late.shard(), ShardProbe.INVOCATION_TIME, ShardProbe.Delivery.AGAIN);

        assertThat(probed).containsExactlyInAnyOrderElementsOf(late.shard().endpointIds());
        assertThat(report.alreadyChecked()).isZero();
    }

    static final Instant CHECKED_SINCE = T0.plusSeconds(20);

    record ShardOfT0(ProbeShard shard, EndpointId checkedSince, EndpointId confirmedSince, EndpointId checkedBefore,
                     EndpointId neverChecked) {
    }

    /**
     * Cycle T0's shard of four endpoints, due {@code delay} after T0, probed at {@code now}: one checked since T0,
     * one whose check before T0 a batch confirmed since, one checked before T0, one never.
     */
    ShardOfT0 shardOfT0(Duration delay, Instant now) {
        List<Endpoint> four = List.of(endpoint("checked-since"), endpoint("confirmed-since"), endpoint("checked-before"),
                endpoint("never-checked"));
        four.forEach(registry::put);
        SnapshotRecorder recorder = new SnapshotRecorder(store);
        recorder.record(four.get(0).id(), ok(), CHECKED_SINCE, INTERVAL, List.of());
        Instant before = T0.minusSeconds(60);
        recorder.record(four.get(1).id(), ok(), before, INTERVAL, List.of());
        recorder.record(four.get(2).id(), ok(), before, INTERVAL, List.of());
        HistoryEntry confirming = new HistoryEntry(four.get(1).id(), T0.plusSeconds(30), OutcomeKind.OK,
                Optional.of(200), 12);
        store.appendChecks(new CheckBatch(new CheckBatch.Slot(T0.plus(INTERVAL), 0, 1),
                List.of(new BatchedCheck(confirming, Optional.of(before)))));
        clock.set(now);
        ProbeShard shard = new ProbeShard(T0, 0, four.stream().map(Endpoint::id).toList(), delay);
        return new ShardOfT0(shard, four.get(0).id(), four.get(1).id(), four.get(2).id(), four.get(3).id());
    }

    @Test
    void theShardsSecretsAreReadAheadOnceEachBeforeAnyProbeAndOnlyForEndpointsStillEnabled() {
        Endpoint a = ServiceFixtures.endpoint("a", bearer("s1"), Map.of());
        Endpoint b = ServiceFixtures.endpoint("b", bearer("s1"), Map.of());
        Endpoint c = ServiceFixtures.endpoint("c", bearer("s2"), Map.of());
        Endpoint open = endpoint("open");
        Endpoint paused = ServiceFixtures.endpoint("paused", bearer("s3"), Map.of());
        List.of(a, b, c, open, new Endpoint(paused.id(), "p", Map.of(), paused.url(), paused.transport(), paused.auth(),
                paused.timeout(), paused.readiness(), false)).forEach(registry::put);
        var shard = new ProbeShard(T0, 0, List.of(a.id(), b.id(), c.id(), open.id(), paused.id()), Duration.ZERO);

        shardProbe().run(shard, ShardProbe.INVOCATION_TIME);

        assertThat(asked.getFirst()).isEqualTo("prefetch [s1, s2]");
        assertThat(asked.subList(1, asked.size())).containsExactlyInAnyOrder("resolve s1", "resolve s1", "resolve s2");
        assertThat(probed).containsExactlyInAnyOrder(a.id(), b.id(), c.id(), open.id());
    }

    @Test
    void aShardWithoutSecretsAsksTheStoreNothing() {
        registry.put(endpoint("open"));

        shardProbe().run(new ProbeShard(T0, 0, List.of(new EndpointId("open")), Duration.ZERO), ShardProbe.INVOCATION_TIME);

        assertThat(asked).isEmpty();
    }

    /** "Check now" and validate-before-save probe one endpoint: its secret is resolved alone, nothing read ahead. */
    @Test
    void checkNowAndATrialReadNothingAhead() {
        Endpoint a = ServiceFixtures.endpoint("a", bearer("s1"), Map.of());
        EndpointChecker checker = checker();

        checker.checkAll(List.of(a));
        checker.trial(a);

        assertThat(asked).containsExactly("resolve s1", "resolve s1");
    }
}
