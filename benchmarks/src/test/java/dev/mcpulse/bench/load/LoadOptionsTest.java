package dev.mcpulse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreSixtySecondsEightInFlightAThousandEndpointsAndTheReliabilityDocument() {
        LoadOptions options = LoadOptions.parse(new String[0], ROOT);

        assertThat(options).isEqualTo(new LoadOptions(60, 8, 1_000, ROOT.resolve("docs/reliability.md")));
    }

    @Test
    void readsEveryFlag() {
        LoadOptions options = LoadOptions.parse(
                new String[] {"--seconds", "5", "--concurrency", "4", "--endpoints", "50", "--out", "/tmp/r.md"}, ROOT);

        assertThat(options).isEqualTo(new LoadOptions(5, 4, 50, Path.of("/tmp/r.md")));
    }

    @Test
    void refusesValuesOutOfRangeMissingOrUnknownWithTheFlagNamed() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--seconds", "0"}, ROOT))
                .hasMessage("--seconds must be a whole number from 1 to 600, was \"0\"");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--seconds", "601"}, ROOT))
                .hasMessageContaining("--seconds must be a whole number from 1 to 600");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--concurrency", "1"}, ROOT))
                .hasMessageContaining("--concurrency must be a whole number from 2 to 256");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--endpoints", "many"}, ROOT))
                .hasMessageContaining("--endpoints must be a whole number");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--seconds"}, ROOT)).hasMessage("--seconds needs a value");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--out", "--seconds"}, ROOT)).hasMessage("--out needs a value");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--fast"}, ROOT)).hasMessage("unknown argument --fast");
    }
}
