package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One test per outcome row of DESIGN section 3, across eras and transports, against real MCP servers: the
 * official TypeScript SDKs (v1 legacy, v2 modern and dual-era, server-everything) and the MCP Java SDK. Each
 * asserts the outcome, the HTTP status, the era and the step.
 */
@Tag("interop")
class ProbeOutcomesIT {

    private static final SecretValue GOOD_TOKEN = new SecretValue(Fleet.TOKEN);
    private static final SecretValue WRONG_TOKEN = new SecretValue("wrong-token-value-1234");

    private static ProbeHttpClient client;
    private static RunningServer javaSdk;
    private static RunningServer javaSdkBearer;

    @BeforeAll
    static void start() {
        Fleet.warmUp(List.of("everything-streamable", "everything-sse", "modern-only", "dual-era", "sse-legacy",
                "forbidden", "insufficient-scope", "http-500", "malformed", "tool-is-error"));
        Fleet.warmUp("bearer", Fleet.bearerEnv());
        Fleet.warmUp("bearer", Fleet.leakyBearerEnv());
        Fleet.warmUp("slow", Map.of("DELAY_MS", "4000"));
        client = McpHttpClients.create(UrlPolicy.local());
        javaSdk = JavaSdkServers.builder("java-sdk-fixture", "2.1.0").standardTools()
                .tool(TestTool.constant("broken", ToolReply.error("the upstream is down"))).start();
        javaSdkBearer = JavaSdkServers.builder("java-sdk-bearer", "2.1.0").standardTools()
                .requireBearerToken(Fleet.TOKEN).start();
    }

    @AfterAll
    static void stop() {
        javaSdk.close();
        javaSdkBearer.close();
        client.close();
    }

    private static ProbeResult probe(Endpoint endpoint, Optional<SecretValue> credential) {
        return probe(endpoint, credential, new EraCache(16));
    }

    static ProbeResult probe(Endpoint endpoint, Optional<SecretValue> credential, EraCache cache) {
        McpProber prober = new McpProber(client, McpLimits.defaults(), cache);
        try {
            // Hang guard only: the prober's own deadline must have ended the probe long before this.
            return prober.probe(endpoint, credential).get(endpoint.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe's future did not complete normally within its deadline", e);
        }
    }

    private static ProbeResult probe(Endpoint endpoint) {
        return probe(endpoint, Optional.empty());
    }

    @Nested
    class Ok {

        @Test
        void legacyStreamableHttpServerEverything() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("everything-streamable"))
                    .readiness("echo", Map.of("message", "hi")).build());

            assertOk(result, Era.LEGACY_STREAMABLE_HTTP);
            assertThat(result.protocolVersion()).hasValueSatisfying(v -> assertThat(Versions.LEGACY).contains(v));
            assertThat(result.serverName()).isPresent();
            assertThat(result.latency().toolCallMs()).isPresent();
        }

        @Test
        void legacyHttpSseServerEverythingInAuto() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("everything-sse")).build());

            assertOk(result, Era.LEGACY_SSE);
        }

        @Test
        void legacyHttpSseFixtureFallsBackAfter405() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("sse-legacy"))
                    .readiness("ready", Map.of()).build());

            assertOk(result, Era.LEGACY_SSE);
            assertThat(result.serverName()).contains("sse-legacy-fixture");
            assertThat(result.protocolVersion()).contains("2024-11-05");
        }

        @Test
        void legacyHttpSseWhenTheTransportIsForced() {
            URI sse = Fleet.url("sse-legacy");

            assertOk(probe(TestEndpoints.at(sse).transport("sse").build()), Era.LEGACY_SSE);
        }

        @Test
        void modernOnlyServerIsModernWithoutAnyInitialize() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("modern-only"))
                    .readiness("add", Map.of("a", 2, "b", 3)).build());

            assertOk(result, Era.MODERN);
            assertThat(result.protocolVersion()).contains("2026-07-28");
            assertThat(result.serverName()).contains("modern-only-fixture");
            assertThat(result.toolsCount()).contains(3);
            assertThat(result.lastHttpStatus()).contains(200);
        }

        @Test
        void dualEraServerIsSpokenToInTheModernEra() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("dual-era")).readiness("ready", Map.of()).build());

            assertOk(result, Era.MODERN);
            assertThat(result.serverName()).contains("dual-era-fixture");
        }

        @Test
        void javaSdkStreamableServer() {
            ProbeResult result = probe(TestEndpoints.at(javaSdk.url()).readiness("echo", Map.of("message", "x")).build());

            assertOk(result, Era.LEGACY_STREAMABLE_HTTP);
            assertThat(result.serverName()).contains("java-sdk-fixture");
            assertThat(result.toolsCount()).contains(4);
        }

        @Test
        void bearerServerWithTheRightToken() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("bearer", Fleet.bearerEnv())).bearer()
                    .readiness("check", Map.of()).build(), Optional.of(GOOD_TOKEN));

            assertOk(result, Era.LEGACY_STREAMABLE_HTTP);
        }

        @Test
        void theSameToolsGiveTheSameHashAcrossEras() {
            ProbeResult modern = probe(TestEndpoints.at(Fleet.url("modern-only")).build());
            ProbeResult dual = probe(TestEndpoints.at(Fleet.url("dual-era")).build());

            assertThat(modern.toolsHash()).isPresent().isEqualTo(dual.toolsHash());
        }

        private static void assertOk(ProbeResult result, Era era) {
            assertThat(result.outcome()).as(result.outcome().describe()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(result.era()).contains(era);
            assertThat(result.outcome().step()).isEmpty();
            assertThat(result.toolsCount()).hasValueSatisfying(n -> assertThat(n).isPositive());
            assertThat(result.toolsHash()).hasValueSatisfying(h -> assertThat(h).matches("[0-9a-f]{64}"));
            assertThat(result.latency().discoverMs()).isPresent();
            assertThat(result.latency().toolsListMs()).isPresent();
            assertThat(result.httpStatus()).hasValueSatisfying(s -> assertThat(s).isBetween(200, 299));
        }
    }

    @Nested
    class Auth {

        @Test
        void aMissingSecretIsAuthMissingAndNothingIsDialled() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("bearer", Fleet.bearerEnv())).bearer().build(), Optional.empty());

            assertThat(result.outcome()).isInstanceOf(ProbeOutcome.AuthMissing.class);
            assertThat(result.outcome().step()).contains(ProbeStep.RESOLVE_SECRET);
            assertThat(result.httpStatus()).isEmpty();
            assertThat(result.era()).isEmpty();
        }

        @Test
        void aWrongTokenIs401AuthRejectedAtTheFirstStepWithTheChallenge() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("bearer", Fleet.bearerEnv())).bearer().build(), Optional.of(WRONG_TOKEN));

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401,
                    Optional.of("Bearer"), Optional.of("invalid_token")));
            assertThat(result.httpStatus()).contains(401);
        }

        @Test
        void a401OnTheHttpSsePathIsStillAuthRejected() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("bearer", Fleet.bearerEnv())).transport("sse").bearer().build(),
                    Optional.of(WRONG_TOKEN));

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.AUTH_REJECTED);
            assertThat(result.outcome().step()).contains(ProbeStep.SSE_CONNECT);
            assertThat(result.httpStatus()).contains(401);
        }

        @Test
        void javaSdkServerBehindABearerFilter() {
            ProbeResult result = probe(TestEndpoints.at(javaSdkBearer.url()).bearer().build(), Optional.of(WRONG_TOKEN));

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.AUTH_REJECTED);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
            assertThat(result.httpStatus()).contains(401);
            assertThat(probe(TestEndpoints.at(javaSdkBearer.url()).bearer().build(), Optional.of(GOOD_TOKEN)).outcome())
                    .isEqualTo(new ProbeOutcome.Ok());
        }

        @Test
        void a403WithoutInsufficientScopeIsAuthRejected() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("forbidden")).build());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 403, Optional.empty(), Optional.empty()));
            assertThat(result.era()).isEmpty();
        }

        @Test
        void a403WithInsufficientScopeNamesTheScope() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("insufficient-scope")).build());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.AuthInsufficientScope(ProbeStep.DISCOVER, 403, Optional.of("tools:read")));
            assertThat(result.httpStatus()).contains(403);
        }

        @Test
        void theTokenNeverAppearsEvenWhenTheServerEchoesIt() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("bearer", Fleet.leakyBearerEnv())).bearer()
                    .readiness("check", Map.of()).build(), Optional.of(GOOD_TOKEN));

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.TOOL_ERROR);
            assertThat(result.outcome().describe()).contains("upstream rejected credential").doesNotContain(Fleet.TOKEN);
            assertThat(result.toString()).doesNotContain(Fleet.TOKEN);
        }
    }

    @Nested
    class Failures {

        @Test
        void aSlowServerIsATimeoutThatNamesTheStep() {
            Endpoint endpoint = TestEndpoints.at(Fleet.url("slow", Map.of("DELAY_MS", "4000"))).timeoutMs(800).build();

            ProbeResult result = probe(endpoint, Optional.empty());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofMillis(800)));
            assertThat(result.httpStatus()).isEmpty();
        }

        @Test
        void aClosedPortIsUnreachable() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            ProbeResult result = probe(TestEndpoints.at(URI.create("http://127.0.0.1:" + port + "/mcp")).build());

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.UNREACHABLE);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
            assertThat(result.httpStatus()).isEmpty();
        }

        @Test
        void a500IsAnHttpErrorAndNotALegacyFallback() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("http-500")).build());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 500, ""));
            assertThat(result.httpStatus()).contains(500);
        }

        @Test
        void aNonJsonRpcBodyIsAProtocolError() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("malformed")).build());

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.PROTOCOL_ERROR);
            assertThat(result.outcome().step()).contains(ProbeStep.DISCOVER);
            assertThat(result.httpStatus()).contains(200);
            assertThat(result.outcome().describe()).doesNotContain("html");
        }

        @Test
        void forcingStreamableHttpOnAnHttpSseServerReportsThe405() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("sse-legacy")).transport("streamable-http").build());

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.HTTP_ERROR);
            assertThat(result.outcome().step()).contains(ProbeStep.INITIALIZE);
            assertThat(result.httpStatus()).contains(405);
        }

        @Test
        void aJsonRpcErrorToToolsListIsAnRpcError() throws Exception {
            try (NoToolsServer server = NoToolsServer.start()) {
                ProbeResult result = probe(TestEndpoints.at(server.url()).build());

                assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.RPC_ERROR);
                assertThat(result.outcome().step()).contains(ProbeStep.TOOLS_LIST);
                assertThat(((ProbeOutcome.RpcError) result.outcome()).code()).isEqualTo(-32601);
                assertThat(result.era()).contains(Era.LEGACY_STREAMABLE_HTTP);
                assertThat(result.serverName()).contains("no-tools");
            }
        }
    }

    @Nested
    class Readiness {

        @Test
        void isErrorIsAToolErrorWithTheToolsMessage() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("tool-is-error")).readiness("check", Map.of()).build());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ToolError("check", Optional.empty(),
                    "database unreachable: connection refused"));
            assertThat(result.era()).contains(Era.LEGACY_STREAMABLE_HTTP);
            assertThat(result.toolsCount()).contains(4);
        }

        @Test
        void javaSdkToolReportingAnError() {
            ProbeResult result = probe(TestEndpoints.at(javaSdk.url()).readiness("broken", Map.of()).build());

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.ToolError("broken", Optional.empty(), "the upstream is down"));
        }

        @Test
        void anUnknownToolOnAModernServerIsAToolError() {
            ProbeResult result = probe(TestEndpoints.at(Fleet.url("modern-only")).readiness("no_such_tool", Map.of()).build());

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.TOOL_ERROR);
            assertThat(result.outcome().step()).contains(ProbeStep.TOOL_CALL);
            assertThat(result.era()).contains(Era.MODERN);
        }
    }

    @Nested
    class EraCaching {

        @Test
        void theCachedEraIsRememberedPerEndpoint() {
            EraCache cache = new EraCache(16);
            URI url = Fleet.url("sse-legacy");

            probe(TestEndpoints.at(url).build(), Optional.empty(), cache);

            assertThat(cache.get(url)).contains(Era.LEGACY_SSE);
        }

        @Test
        void aWrongCachedLegacyEraIsDetectedAgainOnAModernServer() {
            EraCache cache = new EraCache(16);
            URI url = Fleet.url("modern-only");
            cache.remember(url, Era.LEGACY_STREAMABLE_HTTP);

            ProbeResult result = probe(TestEndpoints.at(url).build(), Optional.empty(), cache);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(result.era()).contains(Era.MODERN);
            assertThat(cache.get(url)).contains(Era.MODERN);
        }

        @Test
        void aWrongCachedModernEraIsDetectedAgainOnAnHttpSseServer() {
            EraCache cache = new EraCache(16);
            URI url = Fleet.url("sse-legacy");
            cache.remember(url, Era.MODERN);

            ProbeResult result = probe(TestEndpoints.at(url).build(), Optional.empty(), cache);

            assertThat(result.outcome()).isEqualTo(new ProbeOutcome.Ok());
            assertThat(cache.get(url)).contains(Era.LEGACY_SSE);
        }

        @Test
        void anAuthFailureDoesNotThrowTheCachedEraAway() {
            EraCache cache = new EraCache(16);
            URI url = Fleet.url("bearer", Fleet.bearerEnv());
            cache.remember(url, Era.LEGACY_STREAMABLE_HTTP);

            ProbeResult result = probe(TestEndpoints.at(url).bearer().build(), Optional.of(WRONG_TOKEN), cache);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.AUTH_REJECTED);
            assertThat(result.outcome().step()).contains(ProbeStep.INITIALIZE);
            assertThat(cache.get(url)).contains(Era.LEGACY_STREAMABLE_HTTP);
        }
    }

    /** A real MCP Java SDK server that offers no tools capability, so tools/list gets JSON-RPC "method not found". */
    private record NoToolsServer(URI url, Server jetty, McpSyncServer mcp) implements AutoCloseable {

        static NoToolsServer start() throws Exception {
            HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                    .mcpEndpoint("/mcp").build();
            McpSyncServer mcp = McpServer.sync(transport).serverInfo("no-tools", "1.0.0")
                    .capabilities(McpSchema.ServerCapabilities.builder().build()).build();
            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            ServletHolder servlet = new ServletHolder(transport);
            servlet.setAsyncSupported(true);
            context.addServlet(servlet, "/mcp");
            jetty.setHandler(context);
            jetty.start();
            return new NoToolsServer(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/mcp"), jetty, mcp);
        }

        @Override
        public void close() throws Exception {
            mcp.closeGracefully();
            jetty.stop();
        }
    }
}
