package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryCycleLog;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemoryMetricsSink;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.metrics.Metric;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.InfrastructureFailure;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import dev.mcpulse.domain.service.SnapshotRecorderTest.DelegatingStore;
import dev.mcpulse.testsupport.ManualClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The metrics of a scheduler cycle and of a shard's checks, published once per cycle and per shard. */
class ServiceMetricsTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final ProbeResult REJECTED = failed(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401, Optional.empty(),
            Optional.empty()));

    final ManualClock clock = new ManualClock(T0);
    final InMemoryMetricsSink metrics = new InMemoryMetricsSink();
    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final InMemoryCycleLog cycles = new InMemoryCycleLog();

    @Test
    void aCyclePublishesItsDurationAndTheShardsDispatchedAndFailed() {
        ServiceFixtures.idsInBuckets(1, 1, 1).forEach(id -> registry.put(endpoint(id)));
        Scheduler scheduler = new Scheduler(registry, store, shard -> {
            clock.advance(Duration.ofMillis(500)); // each dispatch takes half a second
            if (shard.shardIndex() == 1) {
                throw new IllegalStateException("lambda throttled");
            }
        }, cycles, clock, new Scheduler.Settings(INTERVAL, 1, Duration.ZERO), metrics);

        assertThatThrownBy(scheduler::runCycle).isInstanceOf(Scheduler.DispatchFailure.class);

        assertThat(metrics.batches()).hasSize(1);
        assertThat(metrics.lastSums()).isEqualTo(Map.of(MetricNames.CYCLE_DURATION, 1500.0,
                MetricNames.SHARDS_DISPATCHED, 2.0, MetricNames.SHARDS_FAILED, 1.0,
                MetricNames.ENDPOINTS_ENABLED, 3.0, MetricNames.ENDPOINTS_DUE, 3.0, MetricNames.SKIPPED_IN_BACKOFF, 0.0,
                MetricNames.STORE_FAILURES, 0.0));
        assertThat(metrics.batches().getFirst()).extracting(Metric::name)
                .containsExactlyInAnyOrderElementsOf(MetricNames.perCycle());
        assertThat(metrics.batches().getFirst()).filteredOn(m -> m.name().equals(MetricNames.CYCLE_DURATION))
                .singleElement().extracting(Metric::unit).isEqualTo(Metric.Unit.MILLISECONDS);
    }

    @Test
    void aCycleWhoseRecordCannotBeStoredCountsAStoreFailureAndStillPublishes() {
        registry.put(endpoint("ep-0"));
        CycleLog broken = new CycleLog() {
            @Override
            public void record(CycleRecord cycle) {
                throw new InfrastructureFailure("DynamoDB PutItem failed (HTTP 500)");
            }

            @Override
            public Optional<CycleRecord> last() {
                return Optional.empty();
            }
        };
        Scheduler scheduler = new Scheduler(registry, store, shard -> { }, broken, clock,
                new Scheduler.Settings(INTERVAL, 25, Duration.ZERO), metrics);

        assertThatThrownBy(scheduler::runCycle).isInstanceOf(InfrastructureFailure.class);

        assertThat(metrics.lastSums()).containsEntry(MetricNames.STORE_FAILURES, 1.0)
                .containsEntry(MetricNames.SHARDS_DISPATCHED, 1.0);
    }

    /** The registry is read on a thread of its own (beside the snapshots): its failure must still be the cycle's. */
    @Test
    void aCycleWhoseRegistryCannotBeReadFailsWithThatErrorCountedOnceAndDispatchesNothing() {
        registry.put(endpoint("ep-0"));
        InfrastructureFailure down = new InfrastructureFailure("DynamoDB Query failed (HTTP 500)");
        EndpointRegistry unreadable = (EndpointRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EndpointRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("list")) {
                        throw down;
                    }
                    return method.invoke(registry, args);
                });
        List<ProbeShard> dispatched = new ArrayList<>();
        Scheduler scheduler = new Scheduler(unreadable, store, dispatched::add, cycles, clock,
                new Scheduler.Settings(INTERVAL, 25, Duration.ZERO), metrics);

        assertThatThrownBy(scheduler::runCycle).isSameAs(down);

        assertThat(dispatched).isEmpty();
        assertThat(cycles.last()).isEmpty();
        assertThat(metrics.lastSums()).containsEntry(MetricNames.STORE_FAILURES, 1.0)
                .containsEntry(MetricNames.SHARDS_DISPATCHED, 0.0);
    }

    @Test
    void aShardPublishesEndpointsByOutcomeAndStatusAndEveryLatencyMatchingWhatWasStored() {
        Map<String, ProbeResult> behaviour = Map.of("up-1", ok(), "up-2", ok(), "refused", REJECTED,
                "gone", failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "refused")));
        List<Endpoint> endpoints = behaviour.keySet().stream().sorted().map(ServiceFixtures::endpoint).toList();

        checker(store, behaviour).checkAll(endpoints);

        Map<String, Double> sums = metrics.lastSums();
        Map<OutcomeKind, Long> stored = endpoints.stream()
                .map(e -> store.latest(e.id()).orElseThrow().outcome())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (OutcomeKind outcome : OutcomeKind.values()) {
            assertThat(sums.get(MetricNames.outcome(outcome))).as(outcome.code())
                    .isEqualTo(stored.getOrDefault(outcome, 0L).doubleValue());
        }
        assertThat(sums).containsEntry(MetricNames.status(Status.CONNECTED), 2.0)
                .containsEntry(MetricNames.status(Status.UNHEALTHY), 1.0)
                .containsEntry(MetricNames.status(Status.CONFIGURED_BUT_UNCONNECTED), 1.0)
                .containsEntry(MetricNames.STORE_FAILURES, 0.0)
                .containsEntry(MetricNames.PROBER_FAILURES, 0.0)
                .containsEntry(MetricNames.CHECKS_WITHOUT_VERDICT, 0.0)
                .containsEntry(MetricNames.AUTH_ESCALATIONS, 0.0);
        assertThat(metrics.batches().getLast()).filteredOn(m -> m.name().equals(MetricNames.PROBE_LATENCY))
                .singleElement().satisfies(latency -> assertThat(latency.values())
                        .containsExactlyInAnyOrder(15.0, 15.0, 7.0, 7.0));
        assertThat(metrics.batches().getLast()).extracting(Metric::name)
                .containsExactlyInAnyOrderElementsOf(MetricNames.perShard());
    }

    @Test
    void aSnapshotThatCannotBeStoredIsCountedAndTheBatchIsPublishedBeforeTheFailureIsThrown() {
        EndpointId broken = new EndpointId("broken");
        SnapshotStore failing = new DelegatingStore(store) {
            @Override
            public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
                if (next.endpointId().equals(broken)) {
                    throw new InfrastructureFailure("DynamoDB UpdateItem failed (HTTP 500)");
                }
                return super.putIfNewer(next, basedOn);
            }
        };

        assertThatThrownBy(() -> checker(failing, Map.of("broken", ok(), "fine", ok()))
                .checkAll(List.of(endpoint("broken"), endpoint("fine"))))
                .isInstanceOf(EndpointChecker.StorageFailure.class);

        assertThat(metrics.lastSums()).containsEntry(MetricNames.STORE_FAILURES, 1.0)
                .containsEntry(MetricNames.outcome(OutcomeKind.OK), 2.0)
                .containsEntry(MetricNames.status(Status.CONNECTED), 1.0);
    }

    @Test
    void theThirdConsecutiveAuthFailureIsAnEscalation() {
        EndpointChecker checker = checker(store, Map.of("refused", REJECTED));
        List<Double> escalations = Arrays.stream(new int[3]).mapToObj(i -> {
            clock.advance(INTERVAL);
            checker.checkAll(List.of(endpoint("refused")));
            return metrics.lastSums().get(MetricNames.AUTH_ESCALATIONS);
        }).toList();

        assertThat(escalations).containsExactly(0.0, 0.0, 1.0);
    }

    private EndpointChecker checker(SnapshotStore snapshots, Map<String, ProbeResult> behaviour) {
        return new EndpointChecker(new MapSecretResolver(Map.of()),
                (endpoint, credential) -> CompletableFuture.completedFuture(behaviour.get(endpoint.id().value())),
                snapshots, new StatusPolicy(clock), change -> { }, clock, INTERVAL, ProbeAdmission.forThisMachine(), metrics);
    }
}
