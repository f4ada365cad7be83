package dev.mcpulse.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FleetSummaryTest {

    private static final String FOUR_ROUNDS = "{\"summary\":{\"endpoints\":200,\"rounds\":4,\"concurrency\":50,"
            + "\"byOutcome\":{\"ok\":799,\"timeout\":1},\"perRound\":["
            + "{\"round\":1,\"wallMs\":7801,\"cpuMsPerProbe\":18.05,\"byOutcome\":{\"ok\":200}},"
            + "{\"round\":2,\"wallMs\":3283,\"cpuMsPerProbe\":7.4,\"byOutcome\":{\"ok\":200}},"
            + "{\"round\":3,\"wallMs\":1955,\"cpuMsPerProbe\":1.5,\"byOutcome\":{\"ok\":199,\"timeout\":1}},"
            + "{\"round\":4,\"wallMs\":1800,\"cpuMsPerProbe\":1.1,\"byOutcome\":{\"ok\":200}}]}}";

    @Test
    void theColdRoundIsTheFirstAndTheWarmFigureTheMedianOfTheSecondHalf() {
        FleetSummary summary = FleetSummary.parse(FOUR_ROUNDS);

        assertThat(summary.cold().cpuMsPerProbe()).isEqualTo(18.05);
        assertThat(summary.warmCpuMsPerProbe()).isIn(1.1, 1.5);
        assertThat(summary.warmWallMs()).isIn(1800.0, 1955.0);
    }

    @Test
    void aStageOfTheWarmUpIsTheMedianOfItsRoundsCountedFromOne() {
        FleetSummary summary = FleetSummary.parse(FOUR_ROUNDS);

        assertThat(summary.cpuMsPerProbe(2, 2)).isEqualTo(7.4);
        assertThat(summary.cpuMsPerProbe(1, 3)).isEqualTo(7.4);
    }

    @Test
    void oneProbeNotOkMarksTheWholeRun() {
        FleetSummary summary = FleetSummary.parse(FOUR_ROUNDS);

        assertThat(summary.allOk()).isFalse();
        assertThat(summary.okProbes()).isEqualTo(799);
        assertThat(summary.probes()).isEqualTo(800);
        assertThat(summary.failures()).containsExactly(java.util.Map.entry("timeout", 1));
        assertThat(FleetSummary.parse(FOUR_ROUNDS.replace("\"ok\":199,\"timeout\":1", "\"ok\":200")).allOk()).isTrue();
    }

    @Test
    void aLineWithoutRoundsIsRefused() {
        assertThatThrownBy(() -> FleetSummary.parse("{\"summary\":{\"endpoints\":3}}"))
                .hasMessageStartingWith("a summary line without rounds");
    }
}
