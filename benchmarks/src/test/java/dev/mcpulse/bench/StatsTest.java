package dev.mcpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentilesAreNearestRankOverTheSortedSamples() {
        Stats stats = Stats.of(List.of(9, 1, 5, 3, 7, 2, 8, 4, 10, 6));

        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.median()).isEqualTo(5);
        assertThat(stats.percentile(99)).isEqualTo(10);
        assertThat(stats.percentile(90)).isEqualTo(9);
        assertThat(stats.max()).isEqualTo(10);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Stats stats = Stats.of(42.0);

        assertThat(stats.median()).isEqualTo(42.0);
        assertThat(stats.percentile(1)).isEqualTo(42.0);
    }

    @Test
    void noSamplesOrAPercentileOutOfRangeIsRefused() {
        assertThatThrownBy(() -> Stats.of(List.<Integer>of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.of(1.0).percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
