package dev.mcpulse.bench.probefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchLineTest {

    @Test
    void anAnswerReadsBackAsItsValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("wallNanos", 2_345_000_000L);
        values.put("results", "a:ok:12,b:timeout:2000");

        String line = BenchLine.format("cycle", values);

        assertThat(line).isEqualTo("BENCH cycle wallNanos=2345000000 results=a:ok:12,b:timeout:2000");
        assertThat(BenchLine.parse(line, "cycle")).hasValue(Map.of("wallNanos", "2345000000",
                "results", "a:ok:12,b:timeout:2000"));
    }

    @Test
    void logLinesAndOtherCommandsAreNotTheAnswer() {
        assertThat(BenchLine.parse("{\"level\":\"INFO\",\"formattedMessage\":\"probe result\"}", "cycle")).isEmpty();
        assertThat(BenchLine.parse("BENCH cycles n=1", "cycle")).isEmpty();
        assertThat(BenchLine.parse("BENCH ready", "ready")).hasValue(Map.of());
    }

    @Test
    void aValueWithSpacesIsRefused() {
        assertThatThrownBy(() -> BenchLine.format("heap", Map.of("gc", "G1 Young")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gc");
    }
}
