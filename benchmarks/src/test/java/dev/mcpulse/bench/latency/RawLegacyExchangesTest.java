package dev.mcpulse.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawLegacyExchangesTest {

    @Test
    void findsTheNegotiatedVersionInAJsonOrSseInitializeAnswer() {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}";
        String sse = "id: 7\nevent: message\ndata: " + json + "\n\n";

        assertThat(RawLegacyExchanges.negotiatedVersion(json.getBytes(StandardCharsets.UTF_8))).isEqualTo("2025-06-18");
        assertThat(RawLegacyExchanges.negotiatedVersion(sse.getBytes(StandardCharsets.UTF_8))).isEqualTo("2025-06-18");
    }

    @Test
    void anAnswerWithoutAVersionFailsTheBaseline() {
        assertThatThrownBy(() -> RawLegacyExchanges.negotiatedVersion("{\"error\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
    }
}
