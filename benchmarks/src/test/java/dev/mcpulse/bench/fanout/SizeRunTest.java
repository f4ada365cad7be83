package dev.mcpulse.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mcpulse.bench.fanout.FanOutMeasurement.Cycle;
import dev.mcpulse.bench.fanout.FanOutMeasurement.SizeRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SizeRunTest {

    @Test
    void theSteadyFigureIsTheMedianOfTheSteadyCyclesCpuPerEndpointProbed() {
        SizeRun run = new SizeRun(1_000, cycle("cold", 7.0, 1_000), cycle("warm", 2.4, 1_000),
                List.of(cycle("warming 1", 2.2, 1_000)),
                List.of(cycle("steady 1", 2.0, 1_000), cycle("steady 2", 1.2, 800), cycle("steady 3", 1.8, 1_000)));

        // 2.0, 1.5 and 1.8 ms per endpoint: the cold, warm and warming cycles do not count.
        assertThat(run.steadyCpuMsPerProbe()).isCloseTo(1.8, within(1e-9));
    }

    @Test
    void anEvenNumberOfSteadyCyclesTakesTheMeanOfTheMiddleTwo() {
        SizeRun run = new SizeRun(100, cycle("cold", 1.0, 100), cycle("warm", 0.5, 100), List.of(),
                List.of(cycle("steady 1", 0.4, 100), cycle("steady 2", 0.1, 100)));

        assertThat(run.steadyCpuMsPerProbe()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void theTableLeavesOutTheWarmingCyclesAndTheCheckKeepsThemInTheOrderTheyRan() {
        SizeRun run = new SizeRun(100, cycle("cold", 1.0, 100), cycle("warm", 0.5, 100),
                List.of(cycle("warming 1", 0.5, 100)), List.of(cycle("steady 1", 0.4, 100), cycle("steady 2", 0.1, 100)));

        assertThat(run.cycles()).extracting(Cycle::label).containsExactly("cold", "warm", "steady 1", "steady 2");
        assertThat(run.later()).extracting(Cycle::label).containsExactly("warming 1", "steady 1", "steady 2");
        assertThat(run.all()).extracting(Cycle::label)
                .containsExactly("cold", "warm", "warming 1", "steady 1", "steady 2");
    }

    private static Cycle cycle(String label, double cpuSeconds, int probed) {
        return new Cycle(label, 1_000, 10.0, 1.0, 40, 0, "", probed, probed, cpuSeconds, 0.1, 1.0, 1.0, 0L,
                probed, probed, Map.of(), Map.of(), probed, 0, List.of());
    }
}
