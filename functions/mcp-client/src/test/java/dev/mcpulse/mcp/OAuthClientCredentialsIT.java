package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.OAuthProtection;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.ManualClock;
import dev.mcpulse.testsupport.StandInDns;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The client-credentials flow end to end, against real parts only: a real authorization server
 * ({@link AuthorizationServer}: mock-oauth2-server with client authentication) and MCP Java SDK servers that accept
 * only the tokens it issues for them (signature, issuer, audience = the server, expiry, scope). Each broken link of
 * the chain is its own outcome; nothing loops; no secret or token shows in any outcome.
 */
class OAuthClientCredentialsIT {

    private static final String CLIENT = "probe-client";
    private static final String SECRET = "cs-canary-Q7rT2vW9xY4zA6bC8dE1fG3h";
    private static final String JWT_CLIENT = "probe-jwt-client";
    private static final String SCOPE = "mcp:tools";

    private static ProbeHttpClient client;
    private static KeyPair jwtKeys;
    private AuthorizationServer as;
    private final List<RunningServer> servers = new ArrayList<>();

    @BeforeAll
    static void startClient() throws Exception {
        client = McpHttpClients.create(UrlPolicy.local());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        jwtKeys = generator.generateKeyPair();
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    @BeforeEach
    void startAuthorizationServer() {
        as = new AuthorizationServer();
        as.register(CLIENT, SECRET);
        as.register(JWT_CLIENT, jwtKeys.getPublic());
    }

    @AfterEach
    void stop() {
        servers.forEach(RunningServer::close);
        as.close();
    }

    private URI server(UnaryOperator<OAuthProtection> protection) {
        RunningServer server = JavaSdkServers.builder("oauth-protected", "2.1.0").standardTools()
                .requireOAuthTokens(protection.apply(OAuthProtection.of(as.issuer(), as.jwks(), SCOPE))).start();
        servers.add(server);
        return server.url();
    }

    private URI server() {
        return server(UnaryOperator.identity());
    }

    /** The endpoint as an operator writes it, through the one parser every entry goes through. */
    private static Endpoint endpoint(URI url, Map<String, Object> extraAuth) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "oauth-client-credentials");
        auth.put("clientId", CLIENT);
        auth.put("secret", "mcpulse/oauth-client");
        auth.putAll(extraAuth);
        EndpointParser.Result result = new EndpointParser(UrlPolicy.local()).parse(
                Map.of("id", "oauth", "url", url.toString(), "auth", auth, "timeoutMs", 10_000));
        assertThat(result).isInstanceOf(EndpointParser.Result.Valid.class);
        return ((EndpointParser.Result.Valid) result).endpoint();
    }

    private static Endpoint endpoint(URI url) {
        return endpoint(url, Map.of());
    }

    private static ProbeResult probe(McpProber prober, Endpoint endpoint, String secret) {
        try {
            return prober.probe(endpoint, Optional.of(new SecretValue(secret)))
                    .get(endpoint.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe's future did not complete normally within its deadline", e);
        }
    }

    private static McpProber prober(Clock clock) {
        return new McpProber(client, McpLimits.defaults(), new EraCache(16), clock);
    }

    private static McpProber prober() {
        return prober(Clock.systemUTC());
    }

    @Test
    void clientSecretBasicConnectsAndTheTokenIsReusedAcrossProbes() {
        URI url = server();
        McpProber prober = prober();

        List<ProbeResult> results = List.of(probe(prober, endpoint(url), SECRET), probe(prober, endpoint(url), SECRET),
                probe(prober, endpoint(url), SECRET));

        assertThat(results).allSatisfy(result -> assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class));
        assertThat(as.tokenRequests()).isEqualTo(1);
        Map<String, String> request = as.lastTokenRequest();
        assertThat(request).containsEntry("grant_type", "client_credentials")
                .containsEntry("resource", url.toString())
                .containsEntry("scope", SCOPE)
                .doesNotContainKey("client_secret");
        assertThat(as.lastBasicClient()).contains(CLIENT);
    }

    @Test
    void clientSecretPostSendsTheCredentialsInTheForm() {
        URI url = server();

        ProbeResult result = probe(prober(), endpoint(url, Map.of("tokenEndpointAuth", "client_secret_post")), SECRET);

        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class);
        assertThat(as.lastTokenRequest()).containsEntry("client_id", CLIENT).containsKey("client_secret");
        assertThat(SECRET.equals(as.lastTokenRequest().get("client_secret"))).isTrue();
        assertThat(as.lastBasicClient()).isEmpty();
    }

    @Test
    void privateKeyJwtSendsAFreshSignedAssertion() {
        URI url = server();
        Endpoint endpoint = endpoint(url, Map.of("clientId", JWT_CLIENT, "tokenEndpointAuth", "private_key_jwt"));
        McpProber prober = prober();

        ProbeResult result = probe(prober, endpoint, pem(jwtKeys));

        // The authorization server verified the assertion's signature with the registered public key, else invalid_client.
        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class);
        assertThat(as.lastTokenRequest())
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .containsKey("client_assertion")
                .doesNotContainKey("client_secret");
        JWTClaimsSet claims = as.lastAssertion().orElseThrow();
        assertThat(claims.getIssuer()).isEqualTo(JWT_CLIENT);
        assertThat(claims.getSubject()).isEqualTo(JWT_CLIENT);
        assertThat(claims.getAudience()).containsExactly(as.issuer().toString());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));

        String firstJti = claims.getJWTID();
        probe(prober(), endpoint, pem(jwtKeys));
        assertThat(as.lastAssertion().orElseThrow().getJWTID()).isNotEqualTo(firstJti);
    }

    @Test
    void aKeyThatIsNoPemPrivateKeyIsAMissingCredentialAndNothingIsSent() {
        URI url = server();

        ProbeResult result = probe(prober(), endpoint(url, Map.of("clientId", JWT_CLIENT, "tokenEndpointAuth",
                "private_key_jwt")), "not a key " + SECRET);

        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.AuthMissing.class);
        assertThat(as.tokenRequests()).isZero();
    }

    @Test
    void aCachedTokenIsReplacedShortlyBeforeItExpires() {
        URI url = server();
        ManualClock clock = new ManualClock();
        Instant issuedAt = clock.instant();
        McpProber prober = prober(clock);

        ProbeResult first = probe(prober, endpoint(url), SECRET);
        clock.advance(Duration.ofMinutes(58));
        ProbeResult cached = probe(prober, endpoint(url), SECRET);
        assertThat(as.tokenRequests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        ProbeResult result = probe(prober, endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class);
        assertThat(as.tokenRequests()).isEqualTo(2);
        // The result says when the token it used expires (expires_in = 3600 s after it was issued), never the token;
        // the token step is measured when a token was fetched, and absent when the cached one was reused.
        assertThat(first.tokenExpiresAt()).contains(issuedAt.plusSeconds(3600));
        assertThat(cached.tokenExpiresAt()).contains(issuedAt.plusSeconds(3600));
        assertThat(result.tokenExpiresAt()).contains(clock.instant().plusSeconds(3600));
        assertThat(first.latency().tokenMs()).isPresent();
        assertThat(first.latency().tokenMs().orElseThrow()).isLessThanOrEqualTo(first.latency().totalMs());
        assertThat(cached.latency().tokenMs()).isEmpty();
        assertThat(result.latency().tokenMs()).isPresent();
    }

    @Test
    void aCachedTokenTheServerRefusesIsReplacedOnce() throws InterruptedException {
        URI url = server();
        as.tokenLifetime(2);
        // The probe's clock stands still, so its cache still trusts the token the server has seen expire.
        McpProber prober = prober(new ManualClock());
        assertThat(probe(prober, endpoint(url), SECRET).outcome()).isInstanceOf(ProbeOutcome.Ok.class);
        Thread.sleep(2_500);

        ProbeResult result = probe(prober, endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class);
        assertThat(as.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aFreshTokenTheServerRefusesIsReportedNotRetried() {
        URI url = server();
        as.tokenLifetime(0);

        ProbeResult result = probe(prober(), endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthRejected.class,
                rejected -> assertThat(rejected.status()).isEqualTo(401));
        assertThat(as.tokenRequests()).isEqualTo(1);
    }

    @Test
    void insufficientScopeStepsUpOnceWithTheChallengedScope() {
        URI url = server(p -> p.requiring("mcp:tools mcp:admin"));
        McpProber prober = prober();

        ProbeResult result = probe(prober, endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class);
        assertThat(as.tokenRequests()).isEqualTo(2);
        assertThat(as.lastTokenRequest()).containsEntry("scope", "mcp:tools mcp:admin");

        probe(prober, endpoint(url), SECRET);
        assertThat(as.tokenRequests()).as("the stepped-up token is the one cached").isEqualTo(2);
    }

    @Test
    void aSecondInsufficientScopeIsReportedNotLooped() {
        URI url = server(p -> p.requiring("mcp:tools mcp:admin"));
        as.withhold("mcp:admin");

        ProbeResult result = probe(prober(), endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthInsufficientScope.class,
                insufficient -> assertThat(insufficient.requiredScope()).contains("mcp:tools mcp:admin"));
        assertThat(as.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRevokedClientIsRefusedWithInvalidClient() {
        URI url = server();
        as.revoke(CLIENT);

        ProbeResult result = probe(prober(), endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthServerRefused.class, refused -> {
            assertThat(refused.oauthError()).isEqualTo("invalid_client");
            assertThat(refused.status()).isEqualTo(401);
        });
        assertThat(result.outcome().kind().code()).isEqualTo("auth_server_refused");
        assertThat(result.outcome().step()).contains(ProbeStep.TOKEN);
        assertNoSecretIn(result);
    }

    @Test
    void aWrongClientSecretIsRefusedWithInvalidClient() {
        URI url = server();

        ProbeResult result = probe(prober(), endpoint(url), "wrong-" + SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthServerRefused.class,
                refused -> assertThat(refused.oauthError()).isEqualTo("invalid_client"));
        assertThat(result.outcome().describe()).doesNotContain(SECRET);
    }

    @Test
    void aTokenEndpointThatErrorsReadsDifferentlyFromARefusal() {
        URI url = server();
        as.failTokenRequestsWith(503);

        ProbeResult result = probe(prober(), endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthServerUnreachable.class,
                unreachable -> assertThat(unreachable.status()).contains(503));
        assertThat(result.outcome().kind().code()).isEqualTo("auth_server_unreachable");
    }

    @Test
    void anAuthorizationServerThatIsDownIsADiscoveryFailure() {
        URI url = server();
        as.close();

        ProbeResult result = probe(prober(), endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class,
                failed -> assertThat(failed.link()).isEqualTo("authorization_server_metadata"));
        as = new AuthorizationServer();
    }

    @Test
    void metadataForAnotherResourceIsRefused() {
        URI url = server(p -> p.claimingResource("http://127.0.0.1:1/other-mcp"));

        ProbeResult result = probe(prober(), endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class, failed -> {
            assertThat(failed.link()).isEqualTo("protected_resource_metadata");
            assertThat(failed.detail()).contains("resource mismatch");
        });
        assertThat(as.tokenRequests()).isZero();
    }

    @Test
    void aResourceMetadataUrlAtAForbiddenAddressIsRefusedByTheGuard() {
        URI url = server(p -> p.pointingMetadataAt(
                URI.create("http://" + StandInDns.METADATA + ":" + as.port() + "/.well-known/oauth-protected-resource")));

        ProbeResult result = probe(prober(), endpoint(url), SECRET);

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.AuthDiscoveryFailed.class, failed -> {
            assertThat(failed.link()).isEqualTo("protected_resource_metadata");
            assertThat(failed.detail()).startsWith("address refused");
        });
        assertThat(as.tokenRequests()).isZero();
    }

    @Test
    void theConfiguredAuthorizationServerOverridesTheMetadata() {
        URI url = server();

        ProbeResult result = probe(prober(), endpoint(url, Map.of("authorizationServer", as.issuer().toString())), SECRET);

        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.Ok.class);
    }

    @Test
    void noSecretKeyOrIssuedTokenAppearsInAnyOutcome() {
        URI url = server(p -> p.requiring("mcp:tools mcp:admin"));
        as.withhold("mcp:admin");
        List<ProbeResult> results = new ArrayList<>();
        results.add(probe(prober(), endpoint(url), SECRET));
        results.add(probe(prober(), endpoint(url), "wrong-" + SECRET));
        results.add(probe(prober(), endpoint(url, Map.of("clientId", JWT_CLIENT, "tokenEndpointAuth", "private_key_jwt")),
                pem(jwtKeys)));

        assertThat(as.issuedTokens()).isNotEmpty();
        for (ProbeResult result : results) {
            assertNoSecretIn(result);
            String text = result.toString() + " " + result.outcome().describe();
            for (String token : as.issuedTokens()) {
                assertThat(text.contains(token)).as("an issued access token appears in " + result.outcome().kind()).isFalse();
            }
            assertThat(text.contains(pem(jwtKeys).substring(40, 80))).as("the private key appears").isFalse();
        }
    }

    private static void assertNoSecretIn(ProbeResult result) {
        String text = result.toString() + " " + result.outcome().describe();
        assertThat(text.contains(SECRET)).as("the client secret appears in " + result.outcome().kind()).isFalse();
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
