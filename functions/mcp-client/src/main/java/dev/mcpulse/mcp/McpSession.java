package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.health.Era;
import reactor.core.publisher.Mono;

/**
 * A connection to one MCP server in one era, after discovery or the initialize handshake. The probe's checks
 * (tools/list, the readiness call) are written once against this interface.
 */
interface McpSession {

    Era era();

    /**
     * Sends a request and yields the answering {@link JsonRpcMessage.Result} or {@link JsonRpcMessage.Error}.
     * Non-2xx replies, malformed bodies and missing answers fail with a {@link ProbeFailure} already classified
     * for the current step.
     */
    Mono<JsonRpcMessage> call(String method, ObjectNode params);

    /** Ends the session politely (legacy DELETE, closing the SSE stream); never fails. */
    Mono<Void> close();
}
