package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.OAuthProtection;
import dev.mcpulse.mcpservers.RunningServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code auth: {type: oauth-discovery}}: the sign-in chain of a server mcpulse holds no credential for, checked the way
 * an agent's user would need it, against a real authorization server and a Java SDK server that requires its tokens.
 */
class OAuthDiscoveryIT {

    private static ProbeHttpClient client;
    private AuthorizationServer as;
    private RunningServer server;

    @BeforeAll
    static void startClient() {
        client = McpHttpClients.create(UrlPolicy.local());
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    @BeforeEach
    void startAuthorizationServer() {
        as = new AuthorizationServer();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        as.close();
    }

    private URI protectedServer(UnaryOperator<OAuthProtection> protection) {
        server = JavaSdkServers.builder("sign-in", "2.1.0").standardTools()
                .requireOAuthTokens(protection.apply(OAuthProtection.of(as.issuer(), as.jwks(), "mcp:tools"))).start();
        return server.url();
    }

    private static ProbeResult probe(URI url) {
        EndpointParser.Result parsed = new EndpointParser(UrlPolicy.local()).parse(
                Map.of("id", "public", "url", url.toString(), "auth", Map.of("type", "oauth-discovery")));
        Endpoint endpoint = ((EndpointParser.Result.Valid) parsed).endpoint();
        assertThat(endpoint.auth()).isEqualTo(new AuthRef.OAuthDiscovery());
        assertThat(endpoint.needsSecret()).isFalse();
        try {
            return new McpProber(client, McpLimits.defaults(), new EraCache(4)).probe(endpoint, Optional.empty())
                    .get(endpoint.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe's future did not complete normally within its deadline", e);
        }
    }

    @Test
    void aWholeChainIsConnected() {
        as.advertiseRegistration();

        ProbeResult result = probe(protectedServer(UnaryOperator.identity()));

        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class);
        assertThat(result.lastHttpStatus()).contains(401);
        assertThat(as.tokenRequests()).isZero();
    }

    @Test
    void anAuthorizationServerWithNoWayToRegisterIsABrokenLink() {
        // mock-oauth2-server's own metadata has S256 but neither registration_endpoint nor client ID metadata documents.
        ProbeResult result = probe(protectedServer(UnaryOperator.identity()));

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class, failed -> {
            assertThat(failed.link()).isEqualTo("authorization_server_metadata");
            assertThat(failed.detail()).contains("a way to register");
        });
    }

    @Test
    void aServerThatDoesNotChallengeIsABrokenLink() {
        server = JavaSdkServers.builder("open", "2.1.0").standardTools().start();

        ProbeResult result = probe(server.url());

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class, failed -> {
            assertThat(failed.link()).isEqualTo("challenge");
            assertThat(failed.detail()).contains("no 401 with a Bearer challenge");
        });
    }

    @Test
    void metadataForAnotherResourceIsABrokenLink() {
        as.advertiseRegistration();

        ProbeResult result = probe(protectedServer(p -> p.claimingResource("https://elsewhere.example.com/mcp")));

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class,
                failed -> assertThat(failed.link()).isEqualTo("protected_resource_metadata"));
    }

    @Test
    void anAuthorizationServerThatIsDownIsABrokenLink() {
        URI url = protectedServer(UnaryOperator.identity());
        as.close();

        ProbeResult result = probe(url);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class,
                failed -> assertThat(failed.link()).isEqualTo("authorization_server_metadata"));
        as = new AuthorizationServer();
    }
}
