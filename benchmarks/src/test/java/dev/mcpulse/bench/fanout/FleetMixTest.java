package dev.mcpulse.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.bench.fanout.FleetMix.Category;
import dev.mcpulse.domain.endpoint.EndpointId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetMixTest {

    @Test
    void aFleetOfAThousandIsNinetyFiveFivePercent() {
        assertThat(FleetMix.counts(1_000)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Category.HEALTHY, 900, Category.BLACKHOLE, 50, Category.UNAUTHORIZED, 50));
        assertThat(FleetMix.counts(10_000).get(Category.HEALTHY)).isEqualTo(9_000);
    }

    @Test
    void everyShardOfTwentyFiveHoldsTheMix() {
        for (int shard = 0; shard < 40; shard++) {
            int blackholes = 0;
            int unauthorized = 0;
            for (int i = shard * 25; i < (shard + 1) * 25; i++) {
                blackholes += FleetMix.category(i) == Category.BLACKHOLE ? 1 : 0;
                unauthorized += FleetMix.category(i) == Category.UNAUTHORIZED ? 1 : 0;
            }
            assertThat(blackholes).isBetween(1, 2);
            assertThat(unauthorized).isBetween(1, 2);
        }
    }

    @Test
    void theCategoryIsReadBackFromTheId() {
        for (int i : new int[] {0, 1, 2, 19, 20, 21, 9_999}) {
            EndpointId id = FleetMix.id(i);
            assertThat(FleetMix.category(id)).isEqualTo(FleetMix.category(i));
        }
        assertThat(FleetMix.id(42).value()).isEqualTo("fanout-000042");
        assertThatThrownBy(() -> FleetMix.category(new EndpointId("other-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachCategoryExpectsItsOutcome() {
        assertThat(Category.HEALTHY.expected().code()).isEqualTo("ok");
        assertThat(Category.BLACKHOLE.expected().code()).isEqualTo("timeout");
        assertThat(Category.UNAUTHORIZED.expected().code()).isEqualTo("auth_rejected");
    }
}
