package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** The single JSON-RPC reader, shared by every transport and era: bytes in, a {@link JsonRpcMessage} out, never an exception. */
final class JsonRpcParser {

    private JsonRpcParser() {
    }

    static JsonRpcMessage parse(byte[] bytes) {
        if (!Utf8.isValid(bytes)) {
            return new JsonRpcMessage.Invalid("the body is not valid UTF-8");
        }
        return Json.parse(bytes).map(JsonRpcParser::fromTree)
                .orElseGet(() -> new JsonRpcMessage.Invalid("the body is not well-formed JSON"));
    }

    static JsonRpcMessage parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The message an SSE event carries; the event's text was decoded leniently, as the event-stream format requires. */
    static JsonRpcMessage parse(SseEvent event) {
        if (!event.validUtf8()) {
            return new JsonRpcMessage.Invalid("an SSE event's data is not valid UTF-8");
        }
        return parse(event.data());
    }

    static JsonRpcMessage fromTree(JsonNode node) {
        if (!node.isObject()) {
            return new JsonRpcMessage.Invalid("expected a JSON-RPC object, got a JSON " + node.getNodeType().name().toLowerCase());
        }
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            return new JsonRpcMessage.Invalid("the message lacks \"jsonrpc\": \"2.0\"");
        }
        JsonNode id = node.get("id");
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isTextual()) {
                return new JsonRpcMessage.Invalid("\"method\" is not a string");
            }
            if (id == null) {
                return new JsonRpcMessage.Notification(method.asText());
            }
            return validId(id, false) ? new JsonRpcMessage.Request(id, method.asText())
                    : new JsonRpcMessage.Invalid("a request id must be a string or a number");
        }
        JsonNode result = node.get("result");
        JsonNode error = node.get("error");
        if ((result == null) == (error == null)) {
            return new JsonRpcMessage.Invalid("a response needs exactly one of \"result\" and \"error\"");
        }
        if (id == null || !validId(id, error != null)) {
            return new JsonRpcMessage.Invalid("the response id is missing or not a string or number");
        }
        if (result != null) {
            return new JsonRpcMessage.Result(id, result);
        }
        return errorOf(id, error);
    }

    private static JsonRpcMessage errorOf(JsonNode id, JsonNode error) {
        if (!error.isObject()) {
            return new JsonRpcMessage.Invalid("\"error\" is not an object");
        }
        JsonNode code = error.get("code");
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            return new JsonRpcMessage.Invalid("the error code is not an integer");
        }
        JsonNode message = error.get("message");
        String text = message != null && message.isTextual() ? message.asText() : "";
        return new JsonRpcMessage.Error(id, code.asInt(), text, error.get("data"));
    }

    private static boolean validId(JsonNode id, boolean nullAllowed) {
        return id.isTextual() || id.isIntegralNumber() || (nullAllowed && id.isNull());
    }
}
