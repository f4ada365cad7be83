package dev.mcpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void sizesAreWholeNumbersMeasuredSmallestFirst() {
        BenchOptions options = BenchOptions.parse(new String[] {"--only", "b7", "--sizes", "10000, 1_000,10000"}, ROOT);

        assertThat(options.sizes()).containsExactly(1_000, 10_000);
        assertThat(options.selected("B7")).isTrue();
        assertThat(BenchOptions.parse(new String[0], ROOT).sizes()).isEmpty();
    }

    @Test
    void aSizeThatIsNotOneIsRefusedWithWhatWasExpected() {
        for (String bad : new String[] {"10k", "0", "1000,", "-5", "999999999", "1000000"}) {
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sizes", bad}, ROOT))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--sizes " + bad + ": ")
                    .hasMessageContaining("expected whole numbers from 1 to 200000");
        }
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sizes"}, ROOT))
                .hasMessage("--sizes needs a value");
    }
}
