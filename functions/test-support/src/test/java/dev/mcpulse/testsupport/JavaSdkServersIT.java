package dev.mcpulse.testsupport;

import static dev.mcpulse.testsupport.RawMcp.LEGACY_VERSION;
import static dev.mcpulse.testsupport.RawMcp.initialize;
import static dev.mcpulse.testsupport.RawMcp.message;
import static dev.mcpulse.testsupport.RawMcp.post;
import static dev.mcpulse.testsupport.RawMcp.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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

    @Test
    void servesCustomToolsThatReportErrors() {
        try (RunningServer server = JavaSdkServers.builder("failing-readiness", "1.0.0")
                .tool(TestTool.echo())
                .tool(TestTool.constant("check", ToolReply.error("disk full")))
                .start()) {
            Map<String, String> headers = initializedSession(server.url(), Map.of());
            HttpResponse<String> response = post(server.url(),
                    request(2, "tools/call", "{\"name\":\"check\",\"arguments\":{}}"), headers);
            JsonNode call = message(response).get("result");
            assertThat(call.get("isError").asBoolean()).isTrue();
            assertThat(call.get("content").get(0).get("text").asString()).isEqualTo("disk full");
        }
    }

    @Test
    void toolsAddedOrRemovedWhileRunningShowInTheNextToolsList() {
        try (JavaSdkServers.InProcessServer server = JavaSdkServers.builder("changing", "1.0.0").standardTools().start()) {
            Map<String, String> headers = initializedSession(server.url(), Map.of());
            server.addTool(TestTool.constant("forecast", ToolReply.text("sunny")));
            assertThat(toolNames(server.url(), headers, 2)).containsExactlyInAnyOrder("echo", "add", "ready", "forecast");

            server.removeTool("forecast");
            assertThat(toolNames(server.url(), headers, 3)).containsExactlyInAnyOrder("echo", "add", "ready");
        }
    }

    private static java.util.List<String> toolNames(URI url, Map<String, String> headers, int id) {
        HttpResponse<String> tools = post(url, request(id, "tools/list", "{}"), headers);
        assertThat(tools.statusCode()).isEqualTo(200);
        return NodeFixturesIT.toolNames(message(tools));
    }

    @Test
    void aDelayedServerHoldsEveryRequest() {
        try (RunningServer server = JavaSdkServers.builder("slow-java", "1.0.0").standardTools()
                .delay(Duration.ofMillis(1500)).start()) {
            HttpRequest impatient = HttpRequest.newBuilder(server.url()).timeout(Duration.ofMillis(300))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize(1))).build();
            assertThatThrownBy(() -> RawMcp.HTTP.send(impatient, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(post(server.url(), initialize(2), Map.of()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClosedServerNeitherListensNorLeavesThreads() {
        RunningServer server = JavaSdkServers.builder("closing", "1.0.0").standardTools().start();
        URI url = server.url();
        server.close();
        assertThatThrownBy(() -> post(url, initialize(1), Map.of())).hasCauseInstanceOf(java.net.ConnectException.class);
        // Nothing it started may keep the test JVM alive.
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.isAlive() && !thread.isDaemon())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("streamable-http-server-transport") || name.startsWith("mcp-java-sdk-"));
    }

    private static Map<String, String> initializedSession(URI url, Map<String, String> auth) {
        HttpResponse<String> init = post(url, initialize(1), auth);
        assertThat(init.statusCode()).isEqualTo(200);
        Map<String, String> headers = new HashMap<>(auth);
        headers.put("Mcp-Session-Id", init.headers().firstValue("Mcp-Session-Id").orElseThrow());
        headers.put("MCP-Protocol-Version", LEGACY_VERSION);
        assertThat(post(url, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", headers).statusCode())
                .isEqualTo(202);
        return headers;
    }
}
