package dev.mcpulse.bench.cold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LambdaJavaRuntimeTest {

    @Test
    void theRuntimeStopsAtC1UnlessTheFunctionChoosesItsLevel() {
        assertThat(LambdaJavaRuntime.jvmOptions(1024, null)).contains("-XX:TieredStopAtLevel=1");
        assertThat(LambdaJavaRuntime.jvmOptions(1024, "-XX:+UseSerialGC")).contains("-XX:TieredStopAtLevel=1");
        assertThat(LambdaJavaRuntime.jvmOptions(1024, "-XX:+TieredCompilation -XX:TieredStopAtLevel=4"))
                .noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel"))
                .contains("-XX:+TieredCompilation", "-XX:MaxHeapSize=891290k");
    }

    @Test
    void aModeSetsTheLevelInTheFunctionsToolOptions() {
        assertThat(LambdaJavaRuntime.withTieredStopAtLevel("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", 4))
                .isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=4");
        assertThat(LambdaJavaRuntime.withTieredStopAtLevel(null, 1)).isEqualTo("-XX:TieredStopAtLevel=1");
    }
}
