package dev.mcpulse.testsupport;

import static dev.mcpulse.testsupport.RawMcp.LEGACY_VERSION;
import static dev.mcpulse.testsupport.RawMcp.MODERN_VERSION;
import static dev.mcpulse.testsupport.RawMcp.contentType;
import static dev.mcpulse.testsupport.RawMcp.initialize;
import static dev.mcpulse.testsupport.RawMcp.message;
import static dev.mcpulse.testsupport.RawMcp.modernMeta;
import static dev.mcpulse.testsupport.RawMcp.post;
import static dev.mcpulse.testsupport.RawMcp.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.mcpservers.RunningServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each Node scenario starts on 127.0.0.1, answers a real MCP exchange as its name promises, and dies by PID. */
class NodeFixturesIT {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @Test
    void everythingStreamableServesTheLegacyEraWithSessions() {
        withServer("everything-streamable", Map.of(), url -> {
            assertThat(url.getPath()).isEqualTo("/mcp");
            HttpResponse<String> init = post(url, initialize(1), Map.of());
            assertThat(init.statusCode()).isEqualTo(200);
            assertThat(contentType(init)).startsWith("text/event-stream");
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            JsonNode result = message(init).get("result");
            assertThat(result.get("protocolVersion").asString()).isEqualTo(LEGACY_VERSION);
            assertThat(result.get("serverInfo").get("name").asString()).isEqualTo("mcp-servers/everything");

            Map<String, String> inSession = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", LEGACY_VERSION);
            assertThat(post(url, INITIALIZED, inSession).statusCode()).isEqualTo(202);
            HttpResponse<String> tools = post(url, request(2, "tools/list", "{}"), inSession);
            assertThat(tools.statusCode()).isEqualTo(200);
            assertThat(toolNames(message(tools))).contains("echo", "get-sum");
        });
    }

    @Test
    void everythingSseServesTheHttpPlusSseTransport() {
        withServer("everything-sse", Map.of(), url -> {
            assertThat(url.getPath()).isEqualTo("/sse");
            assertLegacySseExchange(url, "/message", "mcp-servers/everything");
            // Express answers a POST to the SSE URL with its own 404 page, not 405 (unlike the sse-legacy fixture).
            assertThat(post(url, initialize(1), Map.of()).statusCode()).isEqualTo(404);
        });
    }

    @Test
    void sseLegacyServesOnly2024HttpPlusSseAndRefusesPostOnTheSseUrl() {
        withServer("sse-legacy", Map.of(), url -> {
            HttpResponse<String> streamablePost = post(url, initialize(1), Map.of());
            assertThat(streamablePost.statusCode()).isEqualTo(405);
            assertThat(streamablePost.headers().firstValue("Allow")).hasValue("GET");
            assertLegacySseExchange(url, "/messages", "sse-legacy-fixture");
        });
    }

    @Test
    void bearerAcceptsOnlyItsTokenAndNeverEchoesIt() {
        String token = "fixture-token-3f9a61";
        withServer("bearer", Map.of("TOKEN", token), url -> {
            for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer wrong-" + token))) {
                HttpResponse<String> refused = post(url, initialize(1), headers);
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer ").contains("error=\"invalid_token\""));
                assertThat(refused.body()).doesNotContain(token);
                assertThat(refused.headers().map().toString()).doesNotContain(token);
            }
            Map<String, String> auth = Map.of("Authorization", "Bearer " + token, "MCP-Protocol-Version", LEGACY_VERSION);
            HttpResponse<String> init = post(url, initialize(1), auth);
            assertThat(init.statusCode()).isEqualTo(200);
            assertThat(message(init).get("result").get("protocolVersion").asString()).isEqualTo(LEGACY_VERSION);
            assertThat(toolNames(message(post(url, request(2, "tools/list", "{}"), auth))))
                    .containsExactlyInAnyOrder("echo", "add", "ready", "check");
            JsonNode check = callTool(url, auth, "check");
            assertThat(check.path("isError").asBoolean(false)).isFalse();
            assertThat(check.toString()).doesNotContain(token);
        });
    }

    @Test
    void bearerInCanaryModeLeaksItsTokenInAToolErrorOnPurpose() {
        String token = "canary-token-b52e07";
        withServer("bearer", Map.of("TOKEN", token, "ECHO_TOKEN_IN_ERRORS", "1"), url -> {
            JsonNode check = callTool(url, Map.of("Authorization", "Bearer " + token), "check");
            assertThat(check.get("isError").asBoolean()).isTrue();
            assertThat(check.get("content").get(0).get("text").asString()).contains(token);
        });
    }

    @Test
    void forbiddenAnswers403WithoutAScopeChallenge() {
        withServer("forbidden", Map.of(), url -> {
            HttpResponse<String> response = post(url, initialize(1), Map.of());
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        });
    }

    @Test
    void insufficientScopeAnswers403WithTheScopeChallenge() {
        withServer("insufficient-scope", Map.of(), url -> {
            HttpResponse<String> response = post(url, initialize(1), Map.of("Authorization", "Bearer some-token"));
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer error=\"insufficient_scope\", scope=\"tools:read\"");
        });
    }

    @Test
    void slowHoldsEveryRequestForDelayMs() {
        withServer("slow", Map.of("DELAY_MS", "1500"), url -> {
            HttpRequest impatient = HttpRequest.newBuilder(url).timeout(Duration.ofMillis(300))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(initialize(1))).build();
            assertThatThrownBy(() -> RawMcp.HTTP.send(impatient, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            HttpResponse<String> patient = post(url, initialize(2), Map.of());
            assertThat(patient.statusCode()).isEqualTo(200);
            assertThat(message(patient).get("result").get("protocolVersion").asString()).isEqualTo(LEGACY_VERSION);
        });
    }

    @Test
    void toolIsErrorHasACheckToolThatReportsFailure() {
        withServer("tool-is-error", Map.of("JSON_RESPONSE", "1"), url -> {
            HttpResponse<String> init = post(url, initialize(1), Map.of());
            assertThat(contentType(init)).startsWith("application/json");
            Map<String, String> headers = Map.of("MCP-Protocol-Version", LEGACY_VERSION);
            assertThat(toolNames(message(post(url, request(2, "tools/list", "{}"), headers))))
                    .contains("echo", "add", "ready", "check");
            JsonNode check = callTool(url, headers, "check");
            assertThat(check.get("isError").asBoolean()).isTrue();
            assertThat(check.get("content").get(0).get("text").asString()).isEqualTo("database unreachable: connection refused");
        });
    }

    @Test
    void http500AnswersEveryRequestWith500() {
        withServer("http-500", Map.of(), url -> {
            HttpResponse<String> response = post(url, initialize(1), Map.of());
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(contentType(response)).startsWith("text/plain");
        });
    }

    @Test
    void malformedAnswers200WithABodyThatIsNotJsonRpc() {
        withServer("malformed", Map.of(), url -> {
            HttpResponse<String> response = post(url, initialize(1), Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(contentType(response)).isEqualTo("application/json");
            assertThatThrownBy(() -> RawMcp.parse(response.body())).isInstanceOf(RuntimeException.class);
        });
    }

    @Test
    void modernOnlyServes2026AndRejectsInitializeWithSupportedVersions() {
        withServer("modern-only", Map.of(), url -> {
            HttpResponse<String> discover = modernPost(url, 1, "server/discover", null, "{" + modernMeta() + "}");
            assertThat(discover.statusCode()).isEqualTo(200);
            assertThat(contentType(discover)).startsWith("application/json");
            JsonNode result = message(discover).get("result");
            assertThat(result.get("supportedVersions").valueStream().map(JsonNode::asString)).containsExactly(MODERN_VERSION);
            assertThat(result.get("_meta").get("io.modelcontextprotocol/serverInfo").get("name").asString())
                    .isEqualTo("modern-only-fixture");

            HttpResponse<String> legacy = post(url, initialize(2), Map.of());
            assertThat(legacy.statusCode()).isEqualTo(400);
            JsonNode error = message(legacy).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(-32022);
            assertThat(error.get("data").get("supported").valueStream().map(JsonNode::asString)).containsExactly(MODERN_VERSION);

            assertModernToolsWork(url);
        });
    }

    @Test
    void dualEraServesBothEraOnOneEndpoint() {
        withServer("dual-era", Map.of(), url -> {
            HttpResponse<String> init = post(url, initialize(1), Map.of());
            assertThat(init.statusCode()).isEqualTo(200);
            JsonNode legacy = message(init).get("result");
            assertThat(legacy.get("protocolVersion").asString()).isEqualTo(LEGACY_VERSION);
            assertThat(legacy.get("serverInfo").get("name").asString()).isEqualTo("dual-era-fixture");

            HttpResponse<String> discover = modernPost(url, 2, "server/discover", null, "{" + modernMeta() + "}");
            assertThat(discover.statusCode()).isEqualTo(200);
            assertThat(message(discover).get("result").get("supportedVersions").valueStream().map(JsonNode::asString))
                    .contains(MODERN_VERSION);
            assertModernToolsWork(url);
        });
    }

    @Test
    void anUnknownScenarioFailsWithTheKnownOnes() {
        assertThatThrownBy(() -> NodeFixtures.start("no-such-scenario", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown scenario \"no-such-scenario\"")
                .hasMessageContaining("everything-streamable");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Runs the exchange against a fresh server, then proves the server's process is gone. */
    private static void withServer(String scenario, Map<String, String> env, Consumer<URI> exchange) {
        long pid;
        try (RunningServer server = NodeFixtures.start(scenario, env)) {
            pid = server.pid();
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(server.url().getScheme()).isEqualTo("http");
            assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
            exchange.accept(server.url());
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("fixture process %d is gone after close", pid).isFalse();
    }

    /** 2024-11-05 HTTP+SSE: the endpoint event, a POSTed initialize (202), its answer on the stream, tools/list. */
    private static void assertLegacySseExchange(URI sseUrl, String postPath, String serverName) {
        try (SseStream stream = SseStream.open(sseUrl)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("text/event-stream"));
            SseStream.Event endpoint = stream.next(EVENT_WAIT);
            assertThat(endpoint.event()).isEqualTo("endpoint");
            URI postUrl = sseUrl.resolve(endpoint.data());
            assertThat(postUrl.getPath()).isEqualTo(postPath);
            assertThat(postUrl.getQuery()).startsWith("sessionId=");

            assertThat(post(postUrl, initialize(1), Map.of()).statusCode()).isEqualTo(202);
            JsonNode init = RawMcp.parse(nextMessage(stream).data());
            assertThat(init.get("id").asInt()).isEqualTo(1);
            assertThat(init.get("result").get("protocolVersion").asString()).isEqualTo(LEGACY_VERSION);
            assertThat(init.get("result").get("serverInfo").get("name").asString()).isEqualTo(serverName);

            assertThat(post(postUrl, INITIALIZED, Map.of()).statusCode()).isEqualTo(202);
            assertThat(post(postUrl, request(2, "tools/list", "{}"), Map.of()).statusCode()).isEqualTo(202);
            JsonNode tools = RawMcp.parse(nextMessage(stream).data());
            assertThat(tools.get("id").asInt()).isEqualTo(2);
            assertThat(toolNames(tools)).contains("echo");
        }
    }

    /** The next JSON-RPC response on the stream, skipping server notifications (server-everything logs a lot). */
    private static SseStream.Event nextMessage(SseStream stream) {
        while (true) {
            SseStream.Event event = stream.next(EVENT_WAIT);
            if (event.event().equals("message") && RawMcp.parse(event.data()).has("id")) {
                return event;
            }
        }
    }

    private static void assertModernToolsWork(URI url) {
        HttpResponse<String> tools = modernPost(url, 10, "tools/list", null, "{" + modernMeta() + "}");
        assertThat(tools.statusCode()).isEqualTo(200);
        assertThat(toolNames(message(tools))).containsExactlyInAnyOrder("echo", "add", "ready");
        HttpResponse<String> sum = modernPost(url, 11, "tools/call", "add",
                "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":40}," + modernMeta() + "}");
        assertThat(sum.statusCode()).isEqualTo(200);
        assertThat(message(sum).get("result").get("content").get(0).get("text").asString()).isEqualTo("42");
    }

    /** A 2026-07-28 request: the Mcp-Method (and Mcp-Name) headers must agree with the body. */
    private static HttpResponse<String> modernPost(URI url, int id, String method, String name, String params) {
        Map<String, String> headers = name == null
                ? Map.of("MCP-Protocol-Version", MODERN_VERSION, "Mcp-Method", method)
                : Map.of("MCP-Protocol-Version", MODERN_VERSION, "Mcp-Method", method, "Mcp-Name", name);
        return post(url, request(id, method, params), headers);
    }

    private static JsonNode callTool(URI url, Map<String, String> headers, String tool) {
        HttpResponse<String> response = post(url, request(3, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":{}}"), headers);
        assertThat(response.statusCode()).isEqualTo(200);
        return message(response).get("result");
    }

    static List<String> toolNames(JsonNode message) {
        return message.get("result").get("tools").valueStream().map(tool -> tool.get("name").asString()).toList();
    }
}
