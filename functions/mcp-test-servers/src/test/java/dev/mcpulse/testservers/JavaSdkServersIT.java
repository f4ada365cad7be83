package dev.mcpulse.testservers;

import static dev.mcpulse.testservers.RawMcp.LEGACY_VERSION;
import static dev.mcpulse.testservers.RawMcp.initialize;
import static dev.mcpulse.testservers.RawMcp.message;
import static dev.mcpulse.testservers.RawMcp.post;
import static dev.mcpulse.testservers.RawMcp.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The in-process MCP Java SDK server answers a real MCP exchange on 127.0.0.1 and enforces its token. */
class JavaSdkServersIT {

    private static final String TOKEN = "java-sdk-test-token-7c1d";

    @Test
    void answersInitializeAndToolsListWithTheRightTokenOnly() {
        try (RunningServer server = JavaSdkServers.builder("java-sdk-fixture", "1.2.3")
                .standardTools()
                .requireBearerToken(TOKEN)
                .start()) {
            assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.pid()).isEqualTo(ProcessHandle.current().pid());

            HttpResponse<String> anonymous = post(server.url(), initialize(1), Map.of());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer ").contains("error=\"invalid_token\""));
            assertThat(anonymous.body()).doesNotContain(TOKEN);
            HttpResponse<String> wrong = post(server.url(), initialize(1), Map.of("Authorization", "Bearer not-" + TOKEN));
            assertThat(wrong.statusCode()).isEqualTo(401);

            Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN));
            HttpResponse<String> init = post(server.url(), initialize(1), headers);
            assertThat(init.statusCode()).isEqualTo(200);
            JsonNode result = message(init).get("result");
            assertThat(result.get("protocolVersion").asString()).isEqualTo(LEGACY_VERSION);
            assertThat(result.get("serverInfo").get("name").asString()).isEqualTo("java-sdk-fixture");
            assertThat(result.get("serverInfo").get("version").asString()).isEqualTo("1.2.3");

            headers.put("Mcp-Session-Id", init.headers().firstValue("Mcp-Session-Id").orElseThrow());
            headers.put("MCP-Protocol-Version", LEGACY_VERSION);
            assertThat(post(server.url(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", headers)
                    .statusCode()).isEqualTo(202);
            HttpResponse<String> tools = post(server.url(), request(2, "tools/list", "{}"), headers);
            assertThat(tools.statusCode()).isEqualTo(200);
            assertThat(NodeFixturesIT.toolNames(message(tools))).containsExactlyInAnyOrder("echo", "add", "ready");

            HttpResponse<String> sum = post(server.url(),
                    request(3, "tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":40}}"), headers);
            JsonNode call = message(sum).get("result");
            assertThat(call.get("content").get(0).get("text").asString()).isEqualTo("42");
            assertThat(call.path("isError").asBoolean(false)).isFalse();
        }
    }
}
