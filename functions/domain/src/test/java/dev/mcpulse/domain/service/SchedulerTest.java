package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.idsInBuckets;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CarriedEntries;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryCycleLog;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.testsupport.ManualClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    final InMemoryCycleLog cycles = new InMemoryCycleLog();
    final ManualClock clock = new ManualClock(T0);
    /** Shards are handed over in parallel: the list is shared by the dispatch threads. */
    final List<ProbeShard> dispatched = Collections.synchronizedList(new ArrayList<>());

    Scheduler scheduler(ProbeDispatcher dispatcher, int shardSize, Duration jitter) {
        return new Scheduler(registry, snapshots, dispatcher, cycles, clock,
                new Scheduler.Settings(INTERVAL, shardSize, jitter));
    }

    /** What was dispatched, in shard order (the hand-overs run in parallel and end in any order). */
    List<ProbeShard> dispatchedInOrder() {
        synchronized (dispatched) {
            return dispatched.stream().sorted(Comparator.comparingInt(ProbeShard::shardIndex)).toList();
        }
    }

    @Test
    void dueEndpointsAreSplitIntoShardsSpreadOverTheJitterWindow() {
        // 60 endpoints in shards of 25: 3 buckets, filled 25, 25 and 10
        idsInBuckets(25, 25, 10).forEach(id -> registry.put(endpoint(id)));

        CycleRecord cycle = scheduler(dispatched::add, 25, Duration.ofSeconds(60)).runCycle();

        assertThat(dispatchedInOrder()).extracting(s -> s.endpointIds().size()).containsExactly(25, 25, 10);
        assertThat(dispatchedInOrder()).allSatisfy(shard -> {
            assertThat(shard.shardCount()).contains(3);
            assertThat(shard.endpointIds()).allMatch(id -> id.bucket(3) == shard.shardIndex());
        });
        assertThat(dispatchedInOrder()).extracting(ProbeShard::startDelay)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(40));
        assertThat(dispatched.stream().flatMap(s -> s.endpointIds().stream()).distinct().count()).isEqualTo(60);
        assertThat(cycle).isEqualTo(new CycleRecord(T0, 60, 60, 0, 3,
                Optional.of(new FleetCounts(60, Map.of(Status.CONFIGURED_BUT_UNCONNECTED, 60), 0))));
        assertThat(cycles.last()).contains(cycle);
    }

    @Test
    void endpointsWhoseLastCheckTimedOutAreShardedApartFromTheBuckets() {
        // 60 endpoints in 3 buckets; the last check of 4 of them (in buckets 0 and 2) timed out, and of 1 was refused
        List<String> ids = idsInBuckets(25, 25, 10);
        ids.forEach(id -> registry.put(endpoint(id)));
        List<String> hung = List.of(ids.get(0), ids.get(1), ids.get(50), ids.get(51));
        String refused = ids.get(2);
        var recorder = new SnapshotRecorder(snapshots);
        ids.forEach(id -> recorder.record(new EndpointId(id), ok(), T0.minus(INTERVAL), INTERVAL, List.of()));
        hung.forEach(id -> recorder.record(new EndpointId(id),
                failed(new ProbeOutcome.Timeout(ProbeStep.INITIALIZE, Duration.ofSeconds(10))),
                T0.minus(INTERVAL).plusSeconds(1), INTERVAL, List.of()));
        recorder.record(new EndpointId(refused), failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "refused")),
                T0.minus(INTERVAL).plusSeconds(1), INTERVAL, List.of());

        scheduler(dispatched::add, 25, Duration.ofSeconds(60)).runCycle();

        List<ProbeShard> shards = dispatchedInOrder();
        assertThat(shards).extracting(ProbeShard::shardIndex).containsExactly(0, 1, 2, 3);
        assertThat(shards.subList(0, 3)).allSatisfy(shard -> {
            assertThat(shard.batchSlot()).isPresent();
            assertThat(shard.endpointIds()).allMatch(id -> id.bucket(3) == shard.shardIndex())
                    .noneMatch(id -> hung.contains(id.value()));
        });
        assertThat(shards.get(0).endpointIds()).extracting(EndpointId::value).contains(refused);
        ProbeShard apart = shards.get(3);
        assertThat(apart.endpointIds()).extracting(EndpointId::value).containsExactlyInAnyOrderElementsOf(hung);
        assertThat(apart.shardCount()).as("no batch slot: a reader looks in bucket id.bucket(3)").isEmpty();
        assertThat(apart.batchSlot()).isEmpty();
        assertThat(shards).extracting(ProbeShard::startDelay).containsExactly(Duration.ZERO,
                Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(45));
        assertThat(shards.stream().flatMap(s -> s.endpointIds().stream()).distinct().count()).isEqualTo(60);
    }

    @Test
    void endpointsApartFillShardsOfTheShardSize() {
        List<String> ids = IntStream.range(0, 7).mapToObj(i -> "hung-" + i).toList();
        ids.forEach(id -> registry.put(endpoint(id)));
        var recorder = new SnapshotRecorder(snapshots);
        ids.forEach(id -> recorder.record(new EndpointId(id),
                failed(new ProbeOutcome.Timeout(ProbeStep.INITIALIZE, Duration.ofSeconds(10))),
                T0.minus(INTERVAL), INTERVAL, List.of()));

        scheduler(dispatched::add, 3, Duration.ZERO).runCycle();

        // 7 enabled in shards of 3: 3 buckets, all empty; the 7 apart in shards 3, 4 and 5
        assertThat(dispatchedInOrder()).extracting(ProbeShard::shardIndex).containsExactly(3, 4, 5);
        assertThat(dispatchedInOrder()).extracting(s -> s.endpointIds().size()).containsExactly(3, 3, 1);
    }

    /**
     * Each shard, the apart ones too, carries the entries the cycle read for exactly its endpoints, with the
     * registry's version as it was before that read: the probe then checks one version instead of reading them all.
     */
    @Test
    void eachShardCarriesTheEntriesOfItsEndpointsWithTheRegistrysVersion() {
        List<String> ids = idsInBuckets(5, 3);
        ids.forEach(id -> registry.put(endpoint(id)));
        var recorder = new SnapshotRecorder(snapshots);
        recorder.record(new EndpointId(ids.getFirst()),
                failed(new ProbeOutcome.Timeout(ProbeStep.INITIALIZE, Duration.ofSeconds(10))),
                T0.minus(INTERVAL), INTERVAL, List.of());
        long version = registry.version().orElseThrow();

        scheduler(dispatched::add, 5, Duration.ZERO).runCycle();

        assertThat(dispatchedInOrder()).hasSize(3).allSatisfy(shard -> {
            assertThat(shard.entries()).map(CarriedEntries::registryVersion).contains(version);
            assertThat(shard.entries().orElseThrow().entries()).extracting(Endpoint::id)
                    .containsExactlyElementsOf(shard.endpointIds());
            shard.entries().orElseThrow().entries()
                    .forEach(entry -> assertThat(registry.get(entry.id())).contains(entry));
        });
    }

    @Test
    void pausedEndpointsAndEndpointsInBackoffAreSkipped() {
        Endpoint healthy = endpoint("healthy");
        Endpoint dead = endpoint("dead");
        Endpoint paused = new Endpoint(new EndpointId("paused"), "paused", java.util.Map.of(), healthy.url(),
                healthy.transport(), healthy.auth(), healthy.timeout(), healthy.readiness(), false);
        List.of(healthy, dead, paused).forEach(registry::put);
        var recorder = new SnapshotRecorder(snapshots);
        recorder.record(healthy.id(), ok(), T0.minus(INTERVAL).plusSeconds(2), INTERVAL, List.of());
        for (int i = 0; i < 7; i++) { // 7 failures: next probe 20 minutes after the last check
            recorder.record(dead.id(), failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "refused")),
                    T0.minusSeconds(60).plusMillis(i), INTERVAL, List.of());
        }

        CycleRecord cycle = scheduler(dispatched::add, 25, Duration.ZERO).runCycle();

        assertThat(dispatched).singleElement().extracting(ProbeShard::endpointIds).asList()
                .containsExactly(healthy.id());
        assertThat(cycle.endpointsEnabled()).isEqualTo(2);
        assertThat(cycle.skippedInBackoff()).isEqualTo(1);
    }

    @Test
    void aFailedDispatchIsThrownAfterTheCycleIsRecordedAndTheOtherShardsSent() {
        idsInBuckets(1, 1, 1).forEach(id -> registry.put(endpoint(id)));
        ProbeDispatcher flaky = shard -> {
            if (shard.shardIndex() == 1) {
                throw new IllegalStateException("lambda throttled");
            }
            dispatched.add(shard);
        };

        assertThatThrownBy(() -> scheduler(flaky, 1, Duration.ZERO).runCycle())
                .isInstanceOf(Scheduler.DispatchFailure.class).hasMessage("1 of 3 shards could not be dispatched");
        assertThat(dispatchedInOrder()).extracting(ProbeShard::shardIndex).containsExactly(0, 2);
        assertThat(cycles.last()).map(CycleRecord::shardsDispatched).contains(2);
    }

    @Test
    void aBatchingDispatcherGetsBatchesOfItsSizeAndEachRefusedShardIsCounted() {
        idsInBuckets(IntStream.range(0, 23).map(i -> 1).toArray()).forEach(id -> registry.put(endpoint(id)));
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        ProbeDispatcher batching = new ProbeDispatcher() {
            @Override
            public void dispatch(ProbeShard shard) {
                throw new AssertionError("a batching dispatcher gets batches");
            }

            @Override
            public int batchSize() {
                return 10;
            }

            @Override
            public List<Refusal> dispatchBatch(List<ProbeShard> batch) {
                batchSizes.add(batch.size());
                if (batch.stream().anyMatch(s -> s.shardIndex() == 21)) {
                    throw new IllegalStateException("the whole batch was refused"); // shards 20, 21, 22
                }
                dispatched.addAll(batch.stream().filter(s -> s.shardIndex() != 13).toList());
                return batch.stream().filter(s -> s.shardIndex() == 13)
                        .map(s -> new Refusal(s, new IllegalStateException("one entry refused"))).toList();
            }
        };

        assertThatThrownBy(() -> scheduler(batching, 1, Duration.ZERO).runCycle())
                .isInstanceOf(Scheduler.DispatchFailure.class).hasMessage("4 of 23 shards could not be dispatched");
        assertThat(batchSizes).containsExactlyInAnyOrder(10, 10, 3);
        assertThat(dispatchedInOrder()).extracting(ProbeShard::shardIndex)
                .containsExactlyElementsOf(IntStream.range(0, 20).filter(i -> i != 13).boxed().toList());
        assertThat(cycles.last()).map(CycleRecord::shardsDispatched).contains(19);
    }

    @Test
    void shardsAreHandedOverInParallelUpToTheConfiguredBound() throws Exception {
        idsInBuckets(IntStream.range(0, 40).map(i -> 1).toArray()).forEach(id -> registry.put(endpoint(id)));
        int parallelism = 8;
        // Each hand-over waits until 8 are in flight at once: one at a time, the first would wait in vain.
        CountDownLatch eightInFlight = new CountDownLatch(parallelism);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        ProbeDispatcher slowHandOver = shard -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            eightInFlight.countDown();
            try {
                if (!eightInFlight.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("hand-overs ran one after another");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
            dispatched.add(shard);
        };
        Scheduler scheduler = new Scheduler(registry, snapshots, slowHandOver, cycles, clock,
                new Scheduler.Settings(INTERVAL, 1, Duration.ZERO, parallelism));

        CycleRecord cycle = scheduler.runCycle();

        assertThat(cycle.shardsDispatched()).isEqualTo(40);
        assertThat(dispatchedInOrder()).extracting(ProbeShard::shardIndex).containsExactlyElementsOf(
                IntStream.range(0, 40).boxed().toList());
        assertThat(mostInFlight.get()).isEqualTo(parallelism); // parallel, and never past the bound
    }

    /**
     * At 100,000 endpoints the registry read and the snapshot read take seconds each (B7): the cycle reads them at
     * once. Here the registry's read waits until the snapshots are being read; read one after the other, it would
     * wait in vain.
     */
    @Test
    void theRegistryAndTheSnapshotsAreReadAtOnce() {
        List.of("ep-0", "ep-1").forEach(id -> registry.put(endpoint(id)));
        CountDownLatch snapshotsBeingRead = new CountDownLatch(1);
        AtomicInteger registryReadsThatWaitedInVain = new AtomicInteger();
        EndpointRegistry waitsForTheSnapshotRead = (EndpointRegistry) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EndpointRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("list") && !snapshotsBeingRead.await(10, TimeUnit.SECONDS)) {
                        registryReadsThatWaitedInVain.incrementAndGet();
                    }
                    return method.invoke(registry, args);
                });
        SnapshotStore signalsItsRead = (SnapshotStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SnapshotStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("latestOfFleet")) {
                        snapshotsBeingRead.countDown();
                        @SuppressWarnings("unchecked")
                        Supplier<Collection<EndpointId>> ids = (Supplier<Collection<EndpointId>>) args[0];
                        return snapshots.latest(ids.get());
                    }
                    return method.invoke(snapshots, args);
                });
        Scheduler scheduler = new Scheduler(waitsForTheSnapshotRead, signalsItsRead, dispatched::add, cycles, clock,
                new Scheduler.Settings(INTERVAL, 25, Duration.ZERO));

        CycleRecord cycle = scheduler.runCycle();

        assertThat(registryReadsThatWaitedInVain).hasValue(0);
        assertThat(cycle.endpointsDue()).isEqualTo(2);
        assertThat(dispatched).singleElement().extracting(ProbeShard::endpointIds).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(2);
    }

    @Test
    void anEmptyFleetDispatchesNothingButStillRecordsTheCycle() {
        CycleRecord cycle = scheduler(dispatched::add, 25, Duration.ofSeconds(30)).runCycle();

        assertThat(dispatched).isEmpty();
        assertThat(cycle).isEqualTo(new CycleRecord(T0, 0, 0, 0, 0, Optional.of(new FleetCounts(0, Map.of(), 0))));
    }

    /**
     * The summary the API shows comes from the cycle record: it must be what reading every row would have counted
     * at the cycle's start, through newer-wins, supersede markers, deletes, pauses and staleness.
     */
    @Test
    void theCycleCountsTheFleetExactlyAsReadingEveryRowWouldAtItsStart() {
        var recorder = new SnapshotRecorder(snapshots);
        Endpoint healthy = endpoint("healthy");
        Endpoint paused = new Endpoint(new EndpointId("paused"), "paused", Map.of(), healthy.url(),
                healthy.transport(), healthy.auth(), healthy.timeout(), healthy.readiness(), false);
        List.of(healthy, endpoint("down"), endpoint("rejected"), endpoint("stale"), endpoint("never"),
                endpoint("retargeted"), endpoint("deleted"), paused).forEach(registry::put);
        recorder.record(healthy.id(), ok(), T0.minusSeconds(30), INTERVAL, List.of());
        recorder.record(healthy.id(), ok(), T0.minusSeconds(60), INTERVAL, List.of()); // late and older: dropped
        recorder.record(paused.id(), ok(), T0.minusSeconds(30), INTERVAL, List.of());
        recorder.record(new EndpointId("down"), failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "refused")),
                T0.minusSeconds(30), INTERVAL, List.of());
        recorder.record(new EndpointId("rejected"), failed(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401,
                Optional.empty(), Optional.empty())), T0.minusSeconds(30), INTERVAL, List.of());
        recorder.record(new EndpointId("stale"), ok(), T0.minus(Duration.ofHours(2)), INTERVAL, List.of());
        recorder.record(new EndpointId("retargeted"), ok(), T0.minusSeconds(30), INTERVAL, List.of());
        snapshots.supersede(new EndpointId("retargeted"), T0.minusSeconds(20));
        recorder.record(new EndpointId("retargeted"), ok(), T0.minusSeconds(25), INTERVAL, List.of()); // in flight: refused
        recorder.record(new EndpointId("deleted"), ok(), T0.minusSeconds(30), INTERVAL, List.of());
        registry.delete(new EndpointId("deleted"));
        snapshots.supersede(new EndpointId("deleted"), T0.minusSeconds(20));
        FleetQuery reader = new FleetQuery(registry, snapshots, new InMemoryCycleLog(),
                new StatusPolicy(clock, StatusPolicy.DEFAULT_GRACE), clock, INTERVAL, StatusPolicy.DEFAULT_GRACE);
        FleetQuery.Summary read = reader.list(FleetQuery.Filter.NONE).summary();

        CycleRecord cycle = scheduler(dispatched::add, 25, Duration.ZERO).runCycle();

        FleetCounts expected = new FleetCounts(7, Map.of(Status.CONNECTED, 1, Status.UNHEALTHY, 1,
                Status.CONFIGURED_BUT_UNCONNECTED, 5), 1); // down, stale, never, retargeted, paused
        assertThat(cycle.fleet()).contains(expected);
        assertThat(new FleetCounts(read.total(), read.counts(), read.stale())).isEqualTo(expected);
        assertThat(cycles.last().flatMap(CycleRecord::fleet)).contains(expected);
    }
}
