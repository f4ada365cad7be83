package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the probe puts on the wire, recorded by a loopback server that answers just enough of each era: the
 * headers and {@code _meta} of modern requests, version negotiation after -32022, the legacy handshake with its
 * session id and version header, and the DELETE that ends the session. The real SDK servers accept these
 * requests (see ProbeOutcomesIT) but do not show what they received; this shows it.
 */
class WireBehaviourIT {

    private static ProbeHttpClient client;

    @BeforeAll
    static void start() {
        client = McpHttpClients.create(UrlPolicy.local());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private record Seen(String method, Map<String, String> headers, JsonNode body) {
    }

    private static ProbeResult probe(RawHttpServer server, TestEndpoints endpoint, Optional<SecretValue> credential) throws Exception {
        return new McpProber(client, McpLimits.defaults(), new EraCache(4))
                .probe(endpoint.timeoutMs(5_000).build(), credential).get(10, TimeUnit.SECONDS);
    }

    /** {@code answer} gives "status[ one extra header line]\nbody". */
    private static RawHttpServer recording(List<Seen> seen, Function<Seen, String> answer) throws Exception {
        return RawHttpServer.start((request, out) -> {
            JsonNode body = request.body().isEmpty() ? Json.object()
                    : Json.parse(request.body().getBytes(StandardCharsets.UTF_8)).orElse(Json.object());
            Seen s = new Seen(request.method(), request.headers(), body);
            seen.add(s);
            String reply = answer.apply(s);
            int status = Integer.parseInt(reply.substring(0, 3));
            String extraHeader = reply.substring(3, reply.indexOf('\n')).strip();
            byte[] bytes = reply.substring(reply.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8);
            RawHttpServer.write(out, "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n" + (extraHeader.isEmpty() ? "" : extraHeader + "\r\n") + "\r\n");
            out.write(bytes);
        });
    }

    private static String result(Seen request, String result) {
        return "200\n{\"jsonrpc\":\"2.0\",\"id\":" + request.body().path("id") + ",\"result\":" + result + "}";
    }

    @Test
    void modernRequestsCarryTheHeadersAndMetaAndMirrorToolParameters() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (RawHttpServer server = recording(seen, request -> switch (request.body().path("method").asText()) {
            case "server/discover" -> result(request, "{\"supportedVersions\":[\"2026-07-28\"],\"capabilities\":{\"tools\":{}},"
                    + "\"resultType\":\"complete\",\"ttlMs\":0,\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"rec\",\"version\":\"9\"}}}");
            case "tools/list" -> result(request, "{\"tools\":[{\"name\":\"run_sql\",\"inputSchema\":{\"type\":\"object\",\"properties\":"
                    + "{\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},\"query\":{\"type\":\"string\"}}}}],\"resultType\":\"complete\",\"ttlMs\":0}");
            default -> result(request, "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"resultType\":\"complete\"}");
        })) {
            ProbeResult result = probe(server, TestEndpoints.at(server.url()).bearer()
                    .readiness("run_sql", Map.of("region", "eu-west-1", "query", "select 1")), Optional.of(new SecretValue("s3cret-value-abc")));

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(result.era()).contains(Era.MODERN);
            assertThat(result.serverName()).contains("rec");
            assertThat(seen).extracting(s -> s.body().path("method").asText()).containsExactly("server/discover", "tools/list", "tools/call");
            for (Seen request : seen) {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.headers()).containsEntry("mcp-protocol-version", "2026-07-28")
                        .containsEntry("mcp-method", request.body().path("method").asText())
                        .containsEntry("authorization", "Bearer s3cret-value-abc");
                assertThat(request.headers().get("accept")).contains("application/json").contains("text/event-stream");
                JsonNode meta = request.body().path("params").path("_meta");
                assertThat(meta.path("io.modelcontextprotocol/protocolVersion").asText()).isEqualTo("2026-07-28");
                assertThat(meta.path("io.modelcontextprotocol/clientCapabilities").isObject()).isTrue();
                assertThat(request.headers()).doesNotContainKey("mcp-session-id");
            }
            Seen call = seen.get(2);
            assertThat(call.headers()).containsEntry("mcp-name", "run_sql").containsEntry("mcp-param-region", "eu-west-1");
            assertThat(call.body().path("params").path("arguments").path("query").asText()).isEqualTo("select 1");
        }
    }

    @Test
    void anUnsupportedVersionErrorListingOnlyLegacyVersionsLeadsToInitializeWithOne() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (RawHttpServer server = recording(seen, request -> switch (request.body().path("method").asText()) {
            case "server/discover" -> "400\n{\"jsonrpc\":\"2.0\",\"id\":" + request.body().path("id")
                    + ",\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":[\"2025-06-18\"],\"requested\":\"2026-07-28\"}}}";
            case "initialize" -> result(request, "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}")
                    .replaceFirst("\n", " Mcp-Session-Id: sess-42\n");
            case "notifications/initialized" -> "202\n";
            case "tools/list" -> result(request, "{\"tools\":[]}");
            default -> request.method().equals("DELETE") ? "200\n" : "404\n";
        })) {
            ProbeResult result = probe(server, TestEndpoints.at(server.url()), Optional.empty());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(result.era()).contains(Era.LEGACY_STREAMABLE_HTTP);
            assertThat(result.protocolVersion()).contains("2025-06-18");
            assertThat(result.toolsCount()).contains(0);
            assertThat(seen).extracting(s -> s.method() + " " + s.body().path("method").asText(""))
                    .containsExactly("POST server/discover", "POST initialize", "POST notifications/initialized", "POST tools/list", "DELETE ");
            Seen initialize = seen.get(1);
            assertThat(initialize.body().path("params").path("protocolVersion").asText()).isEqualTo("2025-06-18");
            assertThat(initialize.headers()).doesNotContainKey("mcp-session-id");
            for (Seen after : seen.subList(2, seen.size())) {
                assertThat(after.headers()).containsEntry("mcp-session-id", "sess-42").containsEntry("mcp-protocol-version", "2025-06-18");
            }
        }
    }

    @Test
    void noVersionInCommonIsAProtocolErrorThatNamesTheServersVersions() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        try (RawHttpServer server = recording(seen, request -> "400\n{\"jsonrpc\":\"2.0\",\"id\":" + request.body().path("id")
                + ",\"error\":{\"code\":-32022,\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":[\"2099-01-01\"]}}}")) {
            ProbeResult result = probe(server, TestEndpoints.at(server.url()), Optional.empty());

            assertThat(result.outcome().kind().code()).isEqualTo("protocol_error");
            assertThat(result.outcome().describe()).contains("2099-01-01");
            assertThat(result.httpStatus()).contains(400);
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void aLegacySseStreamIsClosedWhenTheProbeEnds() throws Exception {
        BlockingQueue<String> toStream = new LinkedBlockingQueue<>();
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            if (request.method().equals("GET")) {
                // The stream of a 2024-11-05 server: open until the client goes; a comment every 50 ms notices that.
                RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: endpoint\ndata: /messages\n\n");
                while (true) {
                    String message = toStream.poll(50, TimeUnit.MILLISECONDS);
                    RawHttpServer.write(out, message == null ? ": ping\n\n" : "event: message\ndata: " + message + "\n\n");
                }
            }
            JsonNode body = Json.parse(request.body().getBytes(StandardCharsets.UTF_8)).orElseThrow();
            switch (body.path("method").asText()) {
                case "initialize" -> toStream.add(result(body, "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"raw-sse\",\"version\":\"1\"}}"));
                case "tools/list" -> toStream.add(result(body, "{\"tools\":[]}"));
                default -> {
                    // notifications/initialized: nothing to answer
                }
            }
            RawHttpServer.respond(out, 202, "text/plain", new byte[0]);
        })) {
            ProbeResult result = probe(server, TestEndpoints.at(server.url()).transport("sse"), Optional.empty());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(result.era()).contains(Era.LEGACY_SSE);
            assertThat(server.requests()).extracting(RawHttpServer.Request::method).startsWith("GET");
            // Not drained in the background until the server gives up: the probe is over, so is the stream.
            assertThat(server.allConnectionsReleased(java.time.Duration.ofSeconds(2))).isTrue();
            assertThat(client.transport().openExchanges()).isZero();
        }
    }

    private static String result(JsonNode request, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"result\":" + result + "}";
    }
}
