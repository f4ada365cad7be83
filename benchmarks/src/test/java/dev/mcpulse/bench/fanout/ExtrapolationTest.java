package dev.mcpulse.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mcpulse.bench.fanout.FleetMix.Category;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtrapolationTest {

    @Test
    void eachCategorysMeanIsMultipliedByItsCountInTheFleet() {
        Map<Category, List<Double>> sample = Map.of(
                Category.HEALTHY, List.of(0.010, 0.030),     // mean 20 ms
                Category.BLACKHOLE, List.of(2.0),
                Category.UNAUTHORIZED, List.of(0.004, 0.006)); // mean 5 ms

        double seconds = Extrapolation.sequentialSeconds(sample, FleetMix.counts(1_000));

        assertThat(seconds).isCloseTo(900 * 0.020 + 50 * 2.0 + 50 * 0.005, within(1e-9));
    }

    @Test
    void aSampleOutOfProportionStillExtrapolatesByCategory() {
        Map<Category, List<Double>> lopsided = Map.of(
                Category.HEALTHY, List.of(0.02),
                Category.BLACKHOLE, List.of(2.0, 2.0, 2.0, 2.0),
                Category.UNAUTHORIZED, List.of(0.005));

        assertThat(Extrapolation.sequentialSeconds(lopsided, FleetMix.counts(20)))
                .isCloseTo(18 * 0.02 + 2.0 + 0.005, within(1e-9));
    }

    @Test
    void aCategoryMissingFromTheSampleCannotBeExtrapolated() {
        assertThatThrownBy(() -> Extrapolation.sequentialSeconds(Map.of(Category.HEALTHY, List.of(0.02)),
                FleetMix.counts(40)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BLACKHOLE");
    }
}
