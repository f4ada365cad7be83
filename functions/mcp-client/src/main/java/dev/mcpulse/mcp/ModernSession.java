package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.health.Era;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * The modern era (2026-07-28): no handshake and no session. Every request is a POST carrying the protocol
 * version, the method (and, for named requests, the name) in headers, mirrored in {@code params._meta}.
 */
final class ModernSession implements McpSession {

    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    /** The requests whose {@code params.name} (or {@code params.uri}) is mirrored into {@code Mcp-Name}. */
    private static final Set<String> NAMED = Set.of("tools/call", "prompts/get", "resources/read");

    private final ProbeRun run;
    private final String version;
    private final ToolHeaders toolHeaders;

    ModernSession(ProbeRun run, String version, ToolHeaders toolHeaders) {
        this.run = run;
        this.version = version;
        this.toolHeaders = toolHeaders;
    }

    @Override
    public Era era() {
        return Era.MODERN;
    }

    String version() {
        return version;
    }

    @Override
    public Mono<JsonRpcMessage> call(String method, ObjectNode params) {
        return Mono.defer(() -> {
            long id = run.trace().nextRequestId();
            return send(run, version, id, method, params).map(reply -> Answers.of(reply, id, run));
        });
    }

    /** One modern POST, the reply unread: discovery needs to look at failures before they are classified. */
    Mono<Reply> send(ProbeRun run, String protocolVersion, long id, String method, ObjectNode params) {
        ObjectNode withMeta = params.deepCopy();
        ObjectNode meta = withMeta.has("_meta") && withMeta.get("_meta").isObject()
                ? (ObjectNode) withMeta.get("_meta") : withMeta.putObject("_meta");
        meta.put(META_VERSION, protocolVersion);
        meta.set(META_CLIENT_INFO, ClientInfo.json());
        meta.putObject(META_CAPABILITIES);
        ObjectNode body = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        body.set("params", withMeta);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("MCP-Protocol-Version", protocolVersion);
        headers.put("Mcp-Method", method);
        if (NAMED.contains(method)) {
            JsonNode name = params.has("name") ? params.get("name") : params.get("uri");
            if (name != null && name.isTextual()) {
                headers.put("Mcp-Name", HeaderValues.encode(name.asText()));
            }
        }
        if (method.equals("tools/call")) {
            headers.putAll(toolHeaders.forCall(params));
        }
        return run.http().post(run.endpoint().url(), run.headers(headers), Json.bytes(body), id, run);
    }

    @Override
    public Mono<Void> close() {
        return Mono.empty();
    }
}
