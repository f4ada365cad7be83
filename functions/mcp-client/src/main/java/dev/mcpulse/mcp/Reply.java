package dev.mcpulse.mcp;

import java.util.Optional;

/**
 * What one HTTP exchange produced: the status, the few headers the probe reads, and the JSON-RPC message that
 * answers the request (empty for an empty body, such as a 202 to a notification).
 *
 * @param resumeFrom set when an SSE response ended without the answer but named an event id to resume from
 */
record Reply(int status, ReplyHeaders headers, Optional<JsonRpcMessage> message, Optional<Resume> resumeFrom) {

    record ReplyHeaders(Optional<String> contentType, Optional<String> sessionId, Optional<String> wwwAuthenticate) {
    }

    /** Where a legacy streamable-HTTP SSE stream can be resumed: the last event id and the server's retry delay. */
    record Resume(String lastEventId, Optional<Long> retryMillis) {
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
