package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRpcParserTest {

    @Test
    void readsAResultAndMatchesItsId() {
        JsonRpcMessage message = JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"tools\":[]}}");

        assertThat(message).isInstanceOf(JsonRpcMessage.Result.class);
        assertThat(message.answers(7)).isTrue();
        assertThat(message.answers(8)).isFalse();
    }

    @Test
    void readsAnErrorWithItsCodeMessageAndData() {
        JsonRpcMessage message = JsonRpcParser.parse("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32022,"message":"Unsupported protocol version",
                 "data":{"supported":["2025-11-25"],"requested":"2026-07-28"}}}""");

        JsonRpcMessage.Error error = (JsonRpcMessage.Error) message;
        assertThat(error.code()).isEqualTo(-32022);
        assertThat(error.message()).isEqualTo("Unsupported protocol version");
        assertThat(error.data().path("supported").get(0).asText()).isEqualTo("2025-11-25");
    }

    @Test
    void anErrorWithoutAnIdAnswersWhicheverRequestIsWaiting() {
        JsonRpcMessage message = JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"Bad Request\"}}");

        assertThat(message.answers(3)).isTrue();
    }

    @Test
    void aStringIdThatSpellsTheNumberMatches() {
        assertThat(JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"id\":\"4\",\"result\":{}}").answers(4)).isTrue();
    }

    @Test
    void tellsNotificationsAndServerRequestsApart() {
        assertThat(JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}"))
                .isInstanceOf(JsonRpcMessage.Notification.class);
        assertThat(JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"roots/list\"}"))
                .isInstanceOf(JsonRpcMessage.Request.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "<html>not json</html>",
            "[]",
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}]",
            "\"text\"",
            "{}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"result\":{}}",
            "{\"id\":1,\"result\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}}",
            "{\"jsonrpc\":\"2.0\",\"result\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":{},\"result\":{}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"bad\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"x\",\"message\":\"m\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1.5,\"message\":\"m\"}}",
            "{\"jsonrpc\":\"2.0\",\"method\":5}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}} trailing",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{"
    })
    void anythingElseIsInvalidWithAReason(String body) {
        JsonRpcMessage message = JsonRpcParser.parse(body);

        assertThat(message).isInstanceOf(JsonRpcMessage.Invalid.class);
        assertThat(((JsonRpcMessage.Invalid) message).reason()).isNotBlank().doesNotContain("html");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(JsonRpcParser.parse(deep)).isInstanceOf(JsonRpcMessage.Invalid.class);
    }

    @Test
    void invalidUtf8IsNamedAsSuch() {
        byte[] truncatedSequence = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"name\":\"\u00c3\"}}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] encodedSurrogate = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"name\":\"\u00ed\u00a0\u0080\"}}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(JsonRpcParser.parse(truncatedSequence)).isEqualTo(new JsonRpcMessage.Invalid("the body is not valid UTF-8"));
        assertThat(JsonRpcParser.parse(encodedSurrogate)).isEqualTo(new JsonRpcMessage.Invalid("the body is not valid UTF-8"));
        assertThat(JsonRpcParser.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"name\":\"h\u00e9llo \ufffd \ud83d\ude00\"}}"))
                .isInstanceOf(JsonRpcMessage.Result.class);
    }

    @Test
    void anSseEventWithInvalidUtf8CarriesNoMessage() {
        assertThat(JsonRpcParser.parse(new SseEvent("message", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", false)))
                .isEqualTo(new JsonRpcMessage.Invalid("an SSE event's data is not valid UTF-8"));
        assertThat(JsonRpcParser.parse(new SseEvent("message", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", true)))
                .isInstanceOf(JsonRpcMessage.Result.class);
    }
}
