package dev.mcpulse.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.bench.cold.SamFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** B7 prices the scheduler's CPU at the function's memory and timeout: they must be the template's. */
class SchedulerSizingTest {

    static final Path TEMPLATE = Path.of("..", "sam-template.yaml");

    @Test
    void theSchedulersMemoryAndTimeoutAreTheTemplates() throws Exception {
        SamFunction scheduler = SamFunction.read(Files.readString(TEMPLATE), "SchedulerFunction", resource -> resource);

        assertThat(scheduler.memoryMb()).isEqualTo(ScaleBenchmark.SCHEDULER_MEMORY_MB);
        assertThat(scheduler.timeoutSeconds()).isEqualTo((int) ScaleBenchmark.SCHEDULER_TIMEOUT.toSeconds());
    }
}
