package dev.mcpulse.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.ConfirmingCheck;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ids from FleetMix: 2 is healthy, 0 a black hole. */
class SnapshotCheckTest {

    private static final Instant RUN_STARTED = Instant.now();
    private static final EndpointId HEALTHY = FleetMix.id(2);
    private static final EndpointId BLACKHOLE = FleetMix.id(0);

    private static final Duration INTERVAL = Duration.ofSeconds(300);

    private static HealthSnapshot stored(EndpointId id, OutcomeKind outcome, Instant checkedAt) {
        return stored(id, outcome, checkedAt, checkedAt.plusSeconds(60));
    }

    private static HealthSnapshot stored(EndpointId id, OutcomeKind outcome, Instant checkedAt, Instant nextProbeAfter) {
        return new HealthSnapshot(id, checkedAt, outcome, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Latency.total(12), 0, 0, Optional.empty(), nextProbeAfter);
    }

    @Test
    void aSnapshotThisRunConfirmedUnchangedCountsAsChecked() {
        // The check found nothing an operator sees changed, so it wrote no snapshot: the stored one is older than the
        // run, and the run's check confirms it (a warm cycle of a healthy fleet writes almost no snapshot at all).
        HealthSnapshot confirmed = stored(HEALTHY, OutcomeKind.OK, RUN_STARTED.minusSeconds(300))
                .confirmedBy(new ConfirmingCheck(RUN_STARTED.plusSeconds(1), 12));

        SnapshotCheck check = SnapshotCheck.of(List.of(HEALTHY), Map.of(HEALTHY, confirmed), RUN_STARTED);

        assertThat(check.allRight()).as(check.text()).isTrue();
    }

    @Test
    void aSnapshotNeitherWrittenNorConfirmedByThisRunIsNotRight() {
        HealthSnapshot old = stored(HEALTHY, OutcomeKind.OK, RUN_STARTED.minusSeconds(300));
        HealthSnapshot confirmedBefore = old.confirmedBy(new ConfirmingCheck(RUN_STARTED.minusSeconds(1), 12));

        assertThat(SnapshotCheck.of(List.of(HEALTHY), Map.of(HEALTHY, old), RUN_STARTED).mismatches())
                .containsExactly(Map.entry("no snapshot of this cycle", 1));
        assertThat(SnapshotCheck.of(List.of(HEALTHY), Map.of(HEALTHY, confirmedBefore), RUN_STARTED).allRight()).isFalse();
        assertThat(SnapshotCheck.of(List.of(HEALTHY), Map.of(), RUN_STARTED).allRight()).isFalse();
    }

    @Test
    void aSnapshotOfThisRunWithTheWrongOutcomeIsNamed() {
        Map<EndpointId, HealthSnapshot> stored = Map.of(
                HEALTHY, stored(HEALTHY, OutcomeKind.TIMEOUT, RUN_STARTED.plusSeconds(2)),
                BLACKHOLE, stored(BLACKHOLE, OutcomeKind.TIMEOUT, RUN_STARTED.plusSeconds(2)));

        SnapshotCheck check = SnapshotCheck.of(List.of(HEALTHY, BLACKHOLE), stored, RUN_STARTED);

        assertThat(check.correct()).isEqualTo(1);
        assertThat(check.mismatches()).containsExactly(Map.entry("healthy → timeout", 1));
    }

    @Test
    void anEndpointLeftInBackoffIsRightWhenItsStoredSnapshotIs() {
        // Checked five minutes before the run, not due until an hour after its start: the scheduler left it alone.
        Instant checked = RUN_STARTED.minusSeconds(300);
        HealthSnapshot backedOff = stored(BLACKHOLE, OutcomeKind.TIMEOUT, checked, RUN_STARTED.plusSeconds(3600));
        HealthSnapshot backedOffWrong = stored(HEALTHY, OutcomeKind.TIMEOUT, checked, RUN_STARTED.plusSeconds(3600));

        SnapshotCheck check = SnapshotCheck.of(List.of(BLACKHOLE, HEALTHY),
                Map.of(BLACKHOLE, backedOff, HEALTHY, backedOffWrong), RUN_STARTED, Optional.of(INTERVAL));

        assertThat(check.inBackoff()).isEqualTo(2);
        assertThat(check.correct()).isEqualTo(1);
        assertThat(check.mismatches()).containsExactly(Map.entry("healthy → timeout", 1));
    }

    @Test
    void anEndpointDueAtTheRunsStartNeedsASnapshotOfTheRunEvenWithAnInterval() {
        HealthSnapshot due = stored(BLACKHOLE, OutcomeKind.TIMEOUT, RUN_STARTED.minusSeconds(300), RUN_STARTED);

        SnapshotCheck check = SnapshotCheck.of(List.of(BLACKHOLE), Map.of(BLACKHOLE, due), RUN_STARTED,
                Optional.of(INTERVAL));

        assertThat(check.inBackoff()).isZero();
        assertThat(check.mismatches()).containsExactly(Map.entry("no snapshot of this cycle", 1));
    }

    @Test
    void withoutAnIntervalNoEndpointIsExcusedAsInBackoff() {
        HealthSnapshot backedOff = stored(BLACKHOLE, OutcomeKind.TIMEOUT, RUN_STARTED.minusSeconds(300),
                RUN_STARTED.plusSeconds(3600));

        assertThat(SnapshotCheck.of(List.of(BLACKHOLE), Map.of(BLACKHOLE, backedOff), RUN_STARTED).allRight()).isFalse();
    }
}
