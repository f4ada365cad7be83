package dev.mcpulse.mcpservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestToolTest {

    @Test
    void addSumsIntegersWithoutADecimalPointAndOtherNumbersExactly() {
        assertThat(TestTool.add().handler().apply(Map.of("a", 2, "b", 40))).isEqualTo(ToolReply.text("42"));
        assertThat(TestTool.add().handler().apply(Map.of("a", 0.5, "b", 0.25))).isEqualTo(ToolReply.text("0.75"));
    }

    @Test
    void addReportsMissingOrNonNumericArgumentsAsAToolError() {
        assertThat(TestTool.add().handler().apply(Map.of("a", "two", "b", 2)).isError()).isTrue();
        assertThat(TestTool.add().handler().apply(Map.of()).isError()).isTrue();
    }

    @Test
    void echoAndReadyAnswerText() {
        assertThat(TestTool.echo().handler().apply(Map.of("message", "hi"))).isEqualTo(ToolReply.text("hi"));
        assertThat(TestTool.ready().handler().apply(Map.of())).isEqualTo(ToolReply.text("ok"));
        assertThat(TestTool.ready().readOnly()).isTrue();
    }
}
