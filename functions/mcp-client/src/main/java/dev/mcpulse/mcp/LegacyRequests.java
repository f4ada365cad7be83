package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC bodies of the legacy eras, which carry no {@code _meta}. */
final class LegacyRequests {

    private LegacyRequests() {
    }

    static ObjectNode request(long id, String method, ObjectNode params) {
        ObjectNode body = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", method);
        body.set("params", params);
        return body;
    }

    static ObjectNode notification(String method) {
        return Json.object().put("jsonrpc", "2.0").put("method", method);
    }

    static ObjectNode initializeParams(String version) {
        ObjectNode params = Json.object().put("protocolVersion", version);
        params.putObject("capabilities");
        params.set("clientInfo", ClientInfo.json());
        return params;
    }
}
