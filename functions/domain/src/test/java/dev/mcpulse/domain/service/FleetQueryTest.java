package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.health.StatusReason;
import dev.mcpulse.domain.memory.InMemoryCycleLog;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetQueryTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration GRACE = Duration.ofSeconds(30);

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    final InMemoryCycleLog cycles = new InMemoryCycleLog();
    final ManualClock clock = new ManualClock(T0);
    final FleetQuery query = new FleetQuery(registry, snapshots, cycles, new StatusPolicy(clock, GRACE), clock, INTERVAL, GRACE);
    final SnapshotRecorder recorder = new SnapshotRecorder(snapshots);

    @Test
    void listsEveryEndpointWithItsDerivedStatusAndASummary() {
        registry.put(endpoint("a-ok", new dev.mcpulse.domain.endpoint.AuthRef.None(), Map.of("team", "payments")));
        registry.put(endpoint("b-down", new dev.mcpulse.domain.endpoint.AuthRef.None(), Map.of("team", "search")));
        registry.put(endpoint("c-new"));
        recorder.record(endpoint("a-ok").id(), ok(), T0.minusSeconds(10), INTERVAL, List.of());
        recorder.record(endpoint("b-down").id(), failed(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401,
                Optional.empty(), Optional.empty())), T0.minusSeconds(10), INTERVAL, List.of());
        cycles.record(new CycleRecord(T0.minusSeconds(20), 3, 3, 0, 1));

        FleetQuery.FleetView view = query.list(FleetQuery.Filter.NONE);

        assertThat(view.endpoints()).extracting(v -> v.endpoint().id().value() + ":" + v.status().reason())
                .containsExactly("a-ok:OK", "b-down:AUTH_REJECTED", "c-new:NEVER_CHECKED");
        assertThat(view.summary().counts()).containsEntry(Status.CONNECTED, 1).containsEntry(Status.UNHEALTHY, 1)
                .containsEntry(Status.CONFIGURED_BUT_UNCONNECTED, 1);
        assertThat(view.scheduler().late()).isFalse();
        assertThat(view.scheduler().lastCycleAt()).contains(T0.minusSeconds(20));
    }

    @Test
    void filtersByStatusAndLabel() {
        registry.put(endpoint("a", new dev.mcpulse.domain.endpoint.AuthRef.None(), Map.of("team", "payments", "env", "prod")));
        registry.put(endpoint("b", new dev.mcpulse.domain.endpoint.AuthRef.None(), Map.of("team", "payments", "env", "dev")));
        registry.put(endpoint("c", new dev.mcpulse.domain.endpoint.AuthRef.None(), Map.of("team", "search")));
        recorder.record(endpoint("a").id(), ok(), T0, INTERVAL, List.of());

        assertThat(query.list(new FleetQuery.Filter(Optional.empty(), Map.of("team", "payments"))).endpoints())
                .extracting(v -> v.endpoint().id().value()).containsExactly("a", "b");
        assertThat(query.list(new FleetQuery.Filter(Optional.of(Status.CONNECTED), Map.of("team", "payments"))).endpoints())
                .extracting(v -> v.endpoint().id().value()).containsExactly("a");
        assertThat(query.list(new FleetQuery.Filter(Optional.empty(), Map.of("team", "payments", "env", "dev")))
                .summary().total()).isEqualTo(1);
    }

    @Test
    void aDeadSchedulerMakesTheFleetStaleAndIsFlaggedLate() {
        registry.put(endpoint("a"));
        recorder.record(endpoint("a").id(), ok(), T0, INTERVAL, List.of());
        cycles.record(new CycleRecord(T0, 1, 1, 0, 1));

        clock.advance(INTERVAL.plus(GRACE));
        assertThat(query.list(FleetQuery.Filter.NONE).scheduler().late()).isFalse();

        clock.advance(Duration.ofSeconds(11)); // past interval + probe deadline + grace
        FleetQuery.FleetView view = query.list(FleetQuery.Filter.NONE);
        assertThat(view.scheduler().late()).isTrue();
        assertThat(view.endpoints()).singleElement().extracting(v -> v.status().reason()).isEqualTo(StatusReason.STALE);
        assertThat(view.summary().stale()).isEqualTo(1);
    }

    @Test
    void aSchedulerThatNeverRanIsLate() {
        assertThat(query.schedulerHealth().late()).isTrue();
        assertThat(query.schedulerHealth().lastCycleAt()).isEmpty();
    }

    @Test
    void pagingGivesEachMatchingEndpointExactlyOnceInIdOrder() {
        for (int i = 0; i < 230; i++) {
            registry.put(endpoint(String.format("ep-%03d", i), new dev.mcpulse.domain.endpoint.AuthRef.None(),
                    Map.of("team", i % 3 == 0 ? "payments" : "search")));
            if (i % 2 == 0) {
                recorder.record(endpoint(String.format("ep-%03d", i)).id(), ok(), T0, INTERVAL, List.of());
            }
        }
        var everything = FleetQuery.Filter.NONE;
        var payments = new FleetQuery.Filter(Optional.empty(), Map.of("team", "payments"));
        var connectedPayments = new FleetQuery.Filter(Optional.of(Status.CONNECTED), Map.of("team", "payments"));
        var searched = new FleetQuery.Filter(Optional.empty(), Map.of(), Optional.of("EP-1"));
        var prefixed = new FleetQuery.Filter(Optional.empty(), Map.of("team", "payments"), Optional.empty(), "ep-1");

        for (var filter : List.of(everything, payments, connectedPayments, searched, prefixed)) {
            for (int limit : List.of(1, 7, 50, 100, 500)) {
                List<String> paged = pageThrough(filter, limit);
                assertThat(paged).as("filter %s, limit %d", filter, limit)
                        .isEqualTo(query.list(filter).endpoints().stream().map(v -> v.endpoint().id().value()).toList());
            }
        }
        assertThat(pageThrough(connectedPayments, 7)).hasSize(39).allMatch(id -> Integer.parseInt(id.substring(3)) % 6 == 0);
        assertThat(pageThrough(searched, 10)).hasSize(100).allMatch(id -> id.startsWith("ep-1"));
        assertThat(pageThrough(prefixed, 10)).hasSize(33).allMatch(id -> id.startsWith("ep-1"));
    }

    @Test
    void aFullLastPageSaysNothingFollows() {
        for (int i = 0; i < 20; i++) {
            registry.put(endpoint(String.format("ep-%02d", i)));
        }

        FleetQuery.FleetPage first = query.page(FleetQuery.Filter.NONE, Optional.empty(), 10);
        FleetQuery.FleetPage second = query.page(FleetQuery.Filter.NONE, first.next(), 10);

        assertThat(first.endpoints()).hasSize(10);
        assertThat(first.next()).contains(endpoint("ep-09").id());
        assertThat(second.endpoints()).hasSize(10);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void theSummaryIsTheLastCountedCyclesNotARead() {
        registry.put(endpoint("a"));
        recorder.record(endpoint("a").id(), ok(), T0, INTERVAL, List.of());
        FleetCounts counted = new FleetCounts(5_000, Map.of(Status.CONNECTED, 4_000, Status.UNHEALTHY, 1_000), 0);
        cycles.record(new CycleRecord(T0.minusSeconds(5), 5_000, 5_000, 0, 200, Optional.of(counted)));
        registry.put(endpoint("b")); // registered after the count: the page lists it, the summary does not yet

        FleetQuery.FleetPage page = query.page(new FleetQuery.Filter(Optional.of(Status.CONNECTED), Map.of()), Optional.empty(), 10);

        assertThat(page.endpoints()).extracting(v -> v.endpoint().id().value()).containsExactly("a");
        assertThat(page.summary()).isEqualTo(new FleetQuery.Summary(counted.byStatus(), 0, 5_000, T0.minusSeconds(5)));
        assertThat(query.page(FleetQuery.Filter.NONE, Optional.of(endpoint("a").id()), 10).summary().total()).isEqualTo(5_000);
    }

    @Test
    void aSmallFleetIsCountedNowExactlyEvenRightAfterACycleCountedIt() {
        registry.put(endpoint("a"));
        cycles.record(new CycleRecord(T0.minusSeconds(5), 1, 1, 0, 1,
                Optional.of(new FleetCounts(1, Map.of(Status.CONFIGURED_BUT_UNCONNECTED, 1), 0))));
        recorder.record(endpoint("a").id(), ok(), T0.minusSeconds(2), INTERVAL, List.of()); // the cycle's probe

        FleetQuery.Summary summary = query.page(FleetQuery.Filter.NONE, Optional.empty(), 10).summary();

        assertThat(summary.countedAt()).isEqualTo(T0);
        assertThat(summary.counts()).containsEntry(Status.CONNECTED, 1);
    }

    @Test
    void theFleetIsCountedNowUpToOneReadChunkAndTakenFromTheCycleAbove() {
        registry.put(endpoint("a"));
        recorder.record(endpoint("a").id(), ok(), T0, INTERVAL, List.of());
        int atTheBound = FleetQuery.COUNTED_NOW_UP_TO;
        cycles.record(new CycleRecord(T0.minusSeconds(5), 1, 1, 0, 1, Optional.of(
                new FleetCounts(atTheBound, Map.of(Status.UNHEALTHY, atTheBound), 0))));
        // counted now: the one entry this registry holds, not the cycle's count
        assertThat(query.page(FleetQuery.Filter.NONE, Optional.empty(), 10).summary())
                .isEqualTo(new FleetQuery.Summary(Map.of(Status.CONNECTED, 1, Status.CONFIGURED_BUT_UNCONNECTED, 0,
                        Status.UNHEALTHY, 0), 0, 1, T0));

        cycles.record(new CycleRecord(T0.minusSeconds(4), 1, 1, 0, 1, Optional.of(
                new FleetCounts(atTheBound + 1, Map.of(Status.UNHEALTHY, atTheBound + 1), 0))));
        // one more: the cycle's count, read with its record, as of its start
        FleetQuery.Summary fromTheCycle = query.page(FleetQuery.Filter.NONE, Optional.empty(), 10).summary();
        assertThat(fromTheCycle.total()).isEqualTo(atTheBound + 1);
        assertThat(fromTheCycle.counts()).containsEntry(Status.UNHEALTHY, atTheBound + 1);
        assertThat(fromTheCycle.countedAt()).isEqualTo(T0.minusSeconds(4));
    }

    @Test
    void aLateSchedulersCountNoLongerProvesAnyRowConnectedAndTheFleetIsNotRead() {
        registry.put(endpoint("a"));
        recorder.record(endpoint("a").id(), ok(), T0, INTERVAL, List.of());
        cycles.record(new CycleRecord(T0, 1, 1, 0, 1, Optional.of(new FleetCounts(3_000,
                Map.of(Status.CONNECTED, 2_900, Status.UNHEALTHY, 100), 0))));

        clock.advance(INTERVAL.plus(GRACE));
        FleetQuery.Summary onTime = query.page(FleetQuery.Filter.NONE, Optional.empty(), 10).summary();
        assertThat(onTime.counts()).containsEntry(Status.CONNECTED, 2_900);

        clock.advance(Duration.ofSeconds(11)); // late: no cycle for an interval and grace
        FleetQuery.FleetPage page = query.page(FleetQuery.Filter.NONE, Optional.empty(), 10);
        FleetQuery.Summary summary = page.summary();
        // the count of 3,000, not a count of the one entry this registry holds: the fleet was not read
        assertThat(summary.total()).isEqualTo(3_000);
        assertThat(summary.countedAt()).isEqualTo(T0);
        assertThat(summary.counts()).containsEntry(Status.CONNECTED, 0)
                .containsEntry(Status.CONFIGURED_BUT_UNCONNECTED, 2_900).containsEntry(Status.UNHEALTHY, 100);
        assertThat(summary.stale()).isEqualTo(2_900);
        assertThat(page.scheduler().late()).isTrue();
        // the rows themselves are derived now: the one listed is stale
        assertThat(page.endpoints()).singleElement().satisfies(row ->
                assertThat(row.status().reason()).isEqualTo(dev.mcpulse.domain.health.StatusReason.STALE));
    }

    @Test
    void beforeAnyCycleCountedTheSummaryIsCountedNowOverTheWholeFleet() {
        registry.put(endpoint("a"));
        registry.put(endpoint("b"));
        recorder.record(endpoint("a").id(), ok(), T0, INTERVAL, List.of());
        cycles.record(new CycleRecord(T0.minusSeconds(5), 2, 2, 0, 1)); // a record without counts

        FleetQuery.FleetPage page = query.page(new FleetQuery.Filter(Optional.of(Status.CONNECTED), Map.of()), Optional.empty(), 10);

        assertThat(page.summary().total()).isEqualTo(2);
        assertThat(page.summary().counts()).containsEntry(Status.CONNECTED, 1).containsEntry(Status.CONFIGURED_BUT_UNCONNECTED, 1);
        assertThat(page.summary().countedAt()).isEqualTo(T0);
    }

    @Test
    void aSparseFilterStopsAfterABoundedReadAndSaysWhereToGoOn() {
        int fleet = FleetQuery.MAX_EXAMINED + 150;
        for (int i = 0; i < fleet; i++) {
            registry.put(endpoint(String.format("ep-%05d", i), new dev.mcpulse.domain.endpoint.AuthRef.None(),
                    Map.of("team", i == fleet - 1 ? "rare" : "common")));
        }
        var rare = new FleetQuery.Filter(Optional.empty(), Map.of("team", "rare"));

        FleetQuery.FleetPage first = query.page(rare, Optional.empty(), 10);
        FleetQuery.FleetPage second = query.page(rare, first.next(), 10);

        assertThat(first.endpoints()).isEmpty();
        assertThat(first.next()).contains(endpoint(String.format("ep-%05d", FleetQuery.MAX_EXAMINED - 1)).id());
        assertThat(second.endpoints()).extracting(v -> v.endpoint().id().value()).containsExactly(String.format("ep-%05d", fleet - 1));
        assertThat(second.next()).isEmpty();
    }

    private List<String> pageThrough(FleetQuery.Filter filter, int limit) {
        List<String> ids = new ArrayList<>();
        Optional<dev.mcpulse.domain.endpoint.EndpointId> next = Optional.empty();
        for (int pages = 0; pages < 1_000; pages++) {
            FleetQuery.FleetPage page = query.page(filter, next, limit);
            assertThat(page.endpoints()).hasSizeLessThanOrEqualTo(limit);
            page.endpoints().forEach(v -> ids.add(v.endpoint().id().value()));
            next = page.next();
            if (next.isEmpty()) {
                return ids;
            }
        }
        throw new AssertionError("paging did not end");
    }
}
