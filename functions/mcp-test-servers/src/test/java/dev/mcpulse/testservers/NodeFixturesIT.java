package dev.mcpulse.testservers;

import static dev.mcpulse.testservers.RawMcp.LEGACY_VERSION;
import static dev.mcpulse.testservers.RawMcp.contentType;
import static dev.mcpulse.testservers.RawMcp.initialize;
import static dev.mcpulse.testservers.RawMcp.message;
import static dev.mcpulse.testservers.RawMcp.post;
import static dev.mcpulse.testservers.RawMcp.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each Node scenario starts on 127.0.0.1, answers a real MCP exchange as its name promises, and dies by PID. */
class NodeFixturesIT {

    @Test
    void everythingStreamableServesTheLegacyEraWithSessions() {
        long pid;
        try (RunningServer server = NodeFixtures.start("everything-streamable", Map.of())) {
            pid = server.pid();
            assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.url().getPath()).isEqualTo("/mcp");

            HttpResponse<String> init = post(server.url(), initialize(1), Map.of());
            assertThat(init.statusCode()).isEqualTo(200);
            assertThat(contentType(init)).startsWith("text/event-stream");
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            JsonNode result = message(init).get("result");
            assertThat(result.get("protocolVersion").asString()).isEqualTo(LEGACY_VERSION);
            assertThat(result.get("serverInfo").get("name").asString()).isEqualTo("mcp-servers/everything");

            Map<String, String> inSession = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", LEGACY_VERSION);
            HttpResponse<String> initialized = post(server.url(),
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", inSession);
            assertThat(initialized.statusCode()).isEqualTo(202);
            HttpResponse<String> tools = post(server.url(), request(2, "tools/list", "{}"), inSession);
            assertThat(tools.statusCode()).isEqualTo(200);
            assertThat(toolNames(message(tools))).contains("echo", "get-sum");
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    static java.util.List<String> toolNames(JsonNode message) {
        return message.get("result").get("tools").valueStream().map(tool -> tool.get("name").asString()).toList();
    }
}
