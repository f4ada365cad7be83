package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.CycleRecord;
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
}
