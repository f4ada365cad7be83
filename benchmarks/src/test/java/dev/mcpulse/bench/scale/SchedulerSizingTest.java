package dev.mcpulse.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** B7 prices the scheduler's CPU at the function's memory and timeout: they must be the template's. */
class SchedulerSizingTest {

    static final Path TEMPLATE = Path.of("..", "sam-template.yaml");

    @Test
    void theSchedulersMemoryAndTimeoutAreTheTemplates() throws Exception {
        String template = Files.readString(TEMPLATE);
        Matcher function = Pattern.compile("(?ms)^  SchedulerFunction:\\n(.*?)(?=^  \\S)").matcher(template);
        assertThat(function.find()).as("sam-template.yaml has a SchedulerFunction").isTrue();
        String own = function.group(1);

        assertThat(number(own, "MemorySize")).isEqualTo(ScaleBenchmark.SCHEDULER_MEMORY_MB);
        Matcher globals = Pattern.compile("(?ms)^Globals:\\n(.*?)(?=^\\S)").matcher(template);
        assertThat(globals.find()).isTrue();
        Integer timeout = number(own, "Timeout");
        assertThat(timeout != null ? timeout : number(globals.group(1), "Timeout"))
                .isEqualTo((int) ScaleBenchmark.SCHEDULER_TIMEOUT.toSeconds());
    }

    /** The first {@code Name: <number>} of the text, or null. */
    private static Integer number(String yaml, String name) {
        Matcher value = Pattern.compile("(?m)^\\s+" + name + ": (\\d+)\\s*$").matcher(yaml);
        return value.find() ? Integer.valueOf(value.group(1)) : null;
    }
}
