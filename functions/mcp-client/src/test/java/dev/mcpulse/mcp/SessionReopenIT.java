package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.mcpservers.JavaSdkServers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A legacy streamable-HTTP server that ends the probe's session (404 to a request carrying its
 * {@code Mcp-Session-Id}): the probe opens one new session, with a fresh initialize without the id, and retries the
 * step; a second ended session is a protocol error naming the step, with the 404 kept. Never a third initialize.
 */
class SessionReopenIT {

    private static final String SESSION_NOT_FOUND =
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Session not found\"}}";

    private static ProbeHttpClient client;

    @BeforeAll
    static void start() {
        client = McpHttpClients.create(UrlPolicy.local());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static ProbeResult probe(java.net.URI url, EraCache cache) throws Exception {
        return new McpProber(client, McpLimits.defaults(), cache)
                .probe(TestEndpoints.at(url).timeoutMs(5_000).build(), Optional.empty()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aServerThatEndsEverySessionIsAProtocolErrorAfterExactlyOneNewSession() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(legacyServer(request -> true))) {
            ProbeResult result = probe(server.url(), new EraCache(4));

            assertThat(result.outcome()).isInstanceOf(ProbeOutcome.ProtocolError.class);
            assertThat(result.outcome().step()).contains(ProbeStep.INITIALIZE);
            assertThat(result.outcome().httpStatus()).contains(404);
            assertThat(result.lastHttpStatus()).contains(404);
            assertThat(result.outcome().describe()).contains("ended the session");
            List<RawHttpServer.Request> initializes = server.requests().stream().filter(SessionReopenIT::isInitialize).toList();
            assertThat(initializes).hasSize(2);
            assertThat(initializes).allSatisfy(init -> assertThat(init.headers()).doesNotContainKey("mcp-session-id"));
            assertThat(sessionIdsUsed(server, "notifications/initialized")).containsExactly("session-1", "session-2");
        }
    }

    @Test
    void aCachedLegacyEraDoesNotStartDetectionAgainWhenTheNewSessionIsEndedToo() throws Exception {
        AtomicBoolean ending = new AtomicBoolean(false);
        try (RawHttpServer server = RawHttpServer.start(legacyServer(request -> ending.get()))) {
            EraCache cache = new EraCache(4);
            assertThat(probe(server.url(), cache).outcome().kind()).isEqualTo(OutcomeKind.OK);
            ending.set(true);
            int before = server.requests().size();

            ProbeResult result = probe(server.url(), cache);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().httpStatus()).contains(404);
            List<RawHttpServer.Request> second = server.requests().subList(before, server.requests().size());
            assertThat(second.stream().filter(SessionReopenIT::isInitialize)).hasSize(2);
            assertThat(second.stream().map(SessionReopenIT::method)).doesNotContain("server/discover");
        }
    }

    @Test
    void aSessionEndedAtToolsListIsReopenedAndTheListRetriedOnTheNewSession() throws Exception {
        AtomicBoolean endedOnce = new AtomicBoolean(false);
        Predicate<RawHttpServer.Request> endsFirstToolsList =
                request -> method(request).equals("tools/list") && endedOnce.compareAndSet(false, true);
        try (RawHttpServer server = RawHttpServer.start(legacyServer(endsFirstToolsList))) {
            ProbeResult result = probe(server.url(), new EraCache(4));

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.OK);
            assertThat(result.era()).contains(Era.LEGACY_STREAMABLE_HTTP);
            assertThat(result.toolsCount()).contains(1);
            assertThat(server.requests().stream().filter(SessionReopenIT::isInitialize)).hasSize(2);
            assertThat(sessionIdsUsed(server, "notifications/initialized")).containsExactly("session-1", "session-2");
            assertThat(sessionIdsUsed(server, "tools/list")).containsExactly("session-1", "session-2");
        }
    }

    @Test
    void aSessionEndedAtEveryToolsListIsAProtocolErrorNamingToolsList() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(legacyServer(request -> method(request).equals("tools/list")))) {
            ProbeResult result = probe(server.url(), new EraCache(4));

            assertThat(result.outcome()).isInstanceOf(ProbeOutcome.ProtocolError.class);
            assertThat(result.outcome().step()).contains(ProbeStep.TOOLS_LIST);
            assertThat(result.outcome().httpStatus()).contains(404);
            assertThat(server.requests().stream().filter(SessionReopenIT::isInitialize)).hasSize(2);
            assertThat(sessionIdsUsed(server, "tools/list")).containsExactly("session-1", "session-2");
        }
    }

    @Test
    void aJavaSdkServerThatForgetsTheSessionOnceIsHealthyOnItsSecondSession() throws Exception {
        try (JavaSdkServers.InProcessServer server = JavaSdkServers.builder("forgetful", "2.1.0").standardTools()
                .forgetFirstSessionOnce().start()) {
            ProbeResult result = probe(server.url(), new EraCache(4));

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(result.era()).contains(Era.LEGACY_STREAMABLE_HTTP);
            assertThat(result.toolsCount()).contains(3);
            assertThat(server.sessionsOpened()).isEqualTo(2);
        }
    }

    /**
     * Just enough of a legacy streamable-HTTP server: 400 to server/discover, a new session id for each initialize,
     * and a 404 (with the JSON-RPC error body the Java SDK sends) to a request carrying a session id when
     * {@code ends} says so.
     */
    private static RawHttpServer.Behaviour legacyServer(Predicate<RawHttpServer.Request> ends) {
        AtomicInteger sessions = new AtomicInteger();
        return (request, out) -> {
            String method = method(request);
            if (request.headers().containsKey("mcp-session-id") && ends.test(request)) {
                reply(out, 404, "", SESSION_NOT_FOUND);
                return;
            }
            JsonNode id = body(request).path("id");
            switch (method) {
                case "server/discover" -> reply(out, 400, "", "");
                case "initialize" -> reply(out, 200, "Mcp-Session-Id: session-" + sessions.incrementAndGet(),
                        result(id, "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                                + "\"serverInfo\":{\"name\":\"ending\",\"version\":\"1\"}}"));
                case "tools/list" -> reply(out, 200, "",
                        result(id, "{\"tools\":[{\"name\":\"ready\",\"inputSchema\":{\"type\":\"object\"}}]}"));
                case "notifications/initialized" -> reply(out, 202, "", "");
                default -> reply(out, 200, "", ""); // the DELETE that ends the session
            }
        };
    }

    private static boolean isInitialize(RawHttpServer.Request request) {
        return method(request).equals("initialize");
    }

    private static List<String> sessionIdsUsed(RawHttpServer server, String method) {
        return server.requests().stream().filter(r -> method(r).equals(method))
                .map(r -> r.headers().getOrDefault("mcp-session-id", "none")).toList();
    }

    private static String method(RawHttpServer.Request request) {
        return body(request).path("method").asText("");
    }

    private static JsonNode body(RawHttpServer.Request request) {
        return request.body().isEmpty() ? Json.object()
                : Json.parse(request.body().getBytes(StandardCharsets.UTF_8)).orElse(Json.object());
    }

    private static String result(JsonNode id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    private static void reply(OutputStream out, int status, String extraHeader, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RawHttpServer.write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n" + (extraHeader.isEmpty() ? "" : extraHeader + "\r\n") + "\r\n");
        out.write(bytes);
    }
}
