package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** One message a server sent, as the JSON-RPC 2.0 shapes MCP uses; anything else is {@link Invalid}. */
sealed interface JsonRpcMessage {

    /** A successful response. */
    record Result(JsonNode id, JsonNode result) implements JsonRpcMessage {
    }

    /** An error response; {@code id} is a null node when the server could not tell which request failed. */
    record Error(JsonNode id, int code, String message, JsonNode data) implements JsonRpcMessage {
        public Error {
            data = data == null ? MissingNode.getInstance() : data;
        }
    }

    /** A notification (progress, logging): skipped while waiting for a response. */
    record Notification(String method) implements JsonRpcMessage {
    }

    /** A request from the server (legacy sampling, roots, ping): the probe declares no capability for them. */
    record Request(JsonNode id, String method) implements JsonRpcMessage {
    }

    /** Not a JSON-RPC message; {@code reason} says what was wrong, never quoting the body. */
    record Invalid(String reason) implements JsonRpcMessage {
    }

    /** True when this message answers the request with the given id (an id-less error answers any request). */
    default boolean answers(long requestId) {
        return switch (this) {
            case Result r -> idMatches(r.id(), requestId);
            case Error e -> e.id().isNull() || idMatches(e.id(), requestId);
            default -> false;
        };
    }

    private static boolean idMatches(JsonNode id, long requestId) {
        return (id.isIntegralNumber() && id.canConvertToLong() && id.asLong() == requestId)
                || (id.isTextual() && id.asText().equals(Long.toString(requestId)));
    }
}
