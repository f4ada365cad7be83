package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the probe names itself to servers. */
final class ClientInfo {

    static final String NAME = "mcpulse-probe";
    static final String VERSION = "0.1.0";

    private ClientInfo() {
    }

    static ObjectNode json() {
        return Json.object().put("name", NAME).put("version", VERSION);
    }
}
