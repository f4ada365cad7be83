package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAuth discovery against servers that misbehave on the wire: the metadata the flow fetches comes from URLs the
 * server chose, so the probe's bounds hold for it as for the MCP exchanges — the size cap, no redirects, the one
 * deadline — and each failure is {@code auth_discovery_failed} (or a timeout in the discovery step), never a hang.
 */
class HostileOAuthMetadataIT {

    private static final int TIMEOUT_MS = 2_000;
    private static ProbeHttpClient client;

    @BeforeAll
    static void start() {
        client = McpHttpClients.create(UrlPolicy.local());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    /** 401 with a challenge pointing at {@code /prm} on the same server; {@code prm} answers that document. */
    private static RawHttpServer.Behaviour challengingThen(RawHttpServer.Behaviour prm) {
        return (request, out) -> {
            if (request.path().equals("/prm")) {
                prm.respond(request, out);
                return;
            }
            respond(out, "401 Unauthorized", "WWW-Authenticate: Bearer resource_metadata=\"http://127.0.0.1:"
                    + request.headers().get("host").replaceAll(".*:", "") + "/prm\", scope=\"mcp\"\r\n", "");
        };
    }

    private static void respond(OutputStream out, String status, String headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RawHttpServer.write(out, "HTTP/1.1 " + status + "\r\n" + headers + "Content-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static ProbeResult probe(RawHttpServer server) {
        EndpointParser.Result parsed = new EndpointParser(UrlPolicy.local()).parse(Map.of("id", "hostile",
                "url", server.url().toString(), "timeoutMs", TIMEOUT_MS,
                "auth", Map.of("type", "oauth-client-credentials", "clientId", "probe", "secret", "mcpulse/probe")));
        Endpoint endpoint = ((EndpointParser.Result.Valid) parsed).endpoint();
        try {
            return new McpProber(client, McpLimits.defaults(), new EraCache(4))
                    .probe(endpoint, Optional.of(new SecretValue("client-secret-value-0001")))
                    .get(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe's future did not complete normally within its deadline", e);
        }
    }

    @Test
    void hugeMetadataStopsAtTheSizeCap() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(challengingThen((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{\"resource\":\"");
            byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 16 * 1024; i++) {
                out.write(chunk);
            }
        }))) {
            ProbeResult result = probe(server);

            assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class, failed -> {
                assertThat(failed.link()).isEqualTo("protected_resource_metadata");
                assertThat(failed.detail()).contains("larger than");
            });
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(challengingThen((request, out) ->
                respond(out, "302 Found", "Location: /prm\r\n", "")))) {
            ProbeResult result = probe(server);

            assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class, failed -> {
                assertThat(failed.status()).contains(302);
                assertThat(failed.detail()).contains("redirect (not followed)");
            });
            assertThat(server.requests()).filteredOn(r -> r.path().equals("/prm")).hasSize(1);
        }
    }

    @Test
    void metadataThatIsNotJsonIsMalformed() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(challengingThen((request, out) ->
                respond(out, "200 OK", "", "<html>sign in</html>")))) {
            assertThat(probe(server).outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class,
                    failed -> assertThat(failed.detail()).contains("not a JSON object"));
        }
    }

    @Test
    void aDrippingDocumentEndsAtTheProbesDeadline() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(challengingThen((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 100; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(500);
            }
        }))) {
            long started = System.nanoTime();
            ProbeResult result = probe(server);

            assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.Timeout.class,
                    timeout -> assertThat(timeout.failedStep()).isEqualTo(ProbeStep.AUTH_DISCOVERY));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(TIMEOUT_MS + 1_000));
        }
    }

    @Test
    void withoutAResourceMetadataUrlThePathBasedThenTheRootWellKnownAreTried() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            if (request.path().startsWith("/.well-known/")) {
                respond(out, "404 Not Found", "", "{}");
            } else {
                respond(out, "401 Unauthorized", "WWW-Authenticate: Bearer realm=\"mcp\"\r\n", "");
            }
        })) {
            ProbeResult result = probe(server);

            assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class, failed -> {
                assertThat(failed.link()).isEqualTo("protected_resource_metadata");
                assertThat(failed.status()).contains(404);
            });
            assertThat(server.requests()).extracting(RawHttpServer.Request::path).containsExactly(
                    "/mcp", "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource");
        }
    }

    @Test
    void theWellKnownUrlsFollowTheSpec() {
        assertThat(OAuthClient.wellKnownPrm(URI.create("https://mcp.example.com/tenant/mcp"))).containsExactly(
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/tenant/mcp"),
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource"));
        assertThat(OAuthClient.wellKnownPrm(URI.create("https://mcp.example.com"))).containsExactly(
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource"));
        assertThat(OAuthClient.authorizationServerMetadata(URI.create("https://auth.example.com/tenant1"))).containsExactly(
                URI.create("https://auth.example.com/.well-known/oauth-authorization-server/tenant1"),
                URI.create("https://auth.example.com/.well-known/openid-configuration/tenant1"),
                URI.create("https://auth.example.com/tenant1/.well-known/openid-configuration"));
        assertThat(OAuthClient.authorizationServerMetadata(URI.create("https://auth.example.com"))).containsExactly(
                URI.create("https://auth.example.com/.well-known/oauth-authorization-server"),
                URI.create("https://auth.example.com/.well-known/openid-configuration"));
        assertThat(OAuthClient.canonical(URI.create("HTTPS://MCP.Example.com:443/mcp?x=1#f")))
                .isEqualTo(URI.create("https://mcp.example.com/mcp"));
        assertThat(OAuthClient.covers(URI.create("https://mcp.example.com"), URI.create("https://mcp.example.com/mcp"))).isTrue();
        assertThat(OAuthClient.covers(URI.create("https://mcp.example.com/mc"), URI.create("https://mcp.example.com/mcp"))).isFalse();
        assertThat(OAuthClient.covers(URI.create("https://mcp.example.com:8443/mcp"), URI.create("https://mcp.example.com/mcp")))
                .isFalse();
        assertThat(OAuthClient.covers(URI.create("https://evil.example.com/mcp"), URI.create("https://mcp.example.com/mcp")))
                .isFalse();
    }
}
