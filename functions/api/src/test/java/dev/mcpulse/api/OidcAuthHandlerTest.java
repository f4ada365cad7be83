package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The api function as a resource server behind API Gateway's JWT authorizer: a real OpenID Connect server in this JVM
 * (mock-oauth2-server on 127.0.0.1: discovery, JWKS, signed tokens, the token endpoint) issues the tokens, which
 * reach the function in API Gateway HTTP API events (the Authorization header, and the claims the authorizer puts
 * in {@code requestContext.authorizer.jwt}). The function verifies each token itself.
 */
class OidcAuthHandlerTest {

    private static final String ISSUER_ID = "mcpulse";
    private static final String AUDIENCE = "mcpulse-dashboard";
    private static final String ADMIN_SCOPE = "mcpulse/admin";
    private static final String MACHINE_CLIENT = "mcpulse-ci";
    private static final String MACHINE_SECRET = "ci-secret-7d2a91f0c4b3";

    private static final CountingReadinessTool readiness = new CountingReadinessTool();
    private static final List<String> issued = new ArrayList<>();
    private static MockOAuth2Server oidc;
    private static RunningServer server;
    private static ApiHarness api;
    private static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        oidc = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(),
                Set.of(new MachineClients(ISSUER_ID, Map.of(MACHINE_CLIENT,
                        new MachineClients.Client(MACHINE_SECRET, Set.of(ADMIN_SCOPE)))))));
        oidc.start(InetAddress.getLoopbackAddress(), 0);
        server = JavaSdkServers.builder("payments", "1.0.0").standardTools().tool(readiness.tool()).start();
        api = ApiHarness.start(oidcProperties(Map.of("mcpulse.auth.admin-group", "admins")));
    }

    @AfterAll
    static void stop() {
        api.close();
        server.close();
        oidc.shutdown();
        logs.close();
    }

    @BeforeEach
    void fleet() {
        api.clearFleet();
        api.register(Seed.entry("payments-mcp", "url", server.url().toString(),
                "readiness", Map.of("tool", CountingReadinessTool.NAME)));
    }

    /** No admin token: on AWS only the issuer's tokens count. */
    private static Map<String, Object> oidcProperties(Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put("mcpulse.admin.token", "");
        properties.put(AuthSettings.ISSUER_PROPERTY, oidc.issuerUrl(ISSUER_ID).toString());
        // As on AWS: the dashboard's client id (aud of its tokens) and the machine client's (client_id of its tokens).
        properties.put(AuthSettings.AUDIENCE_PROPERTY, AUDIENCE + "," + MACHINE_CLIENT);
        return properties;
    }

    @Test
    void theIdentityProviderListensOnLoopbackOnly() throws Exception {
        assertThat(InetAddress.getByName(oidc.baseUrl().host()).isLoopbackAddress()).isTrue();
        assertThat(oidc.issuerUrl(ISSUER_ID).port()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"list-clients.json", "get-client.json", "openapi.json", "check-now.json",
            "put-endpoint.json"})
    void withoutATokenEveryDataRouteIs401(String fixture) {
        ApiHarness.Response response = api.request(fixture).noAuth().send();

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer realm=\"mcpulse\"");
        assertThat(api.parse(response.body())).containsEntry("error", "unauthorized").containsKey("message");
        assertThat(response.body()).doesNotContain("payments-mcp.example", server.url().toString());
    }

    @Test
    void theDashboardShellNeedsNoTokenAndCarriesNoFleetData() {
        ApiHarness.Response page = api.request("dashboard.json").noAuth().send();
        ApiHarness.Response script = api.request("dashboard.json").noAuth().path("/assets/app.js").send();

        assertThat(page.status()).isEqualTo(200);
        assertThat(script.status()).isEqualTo(200);
        assertThat(page.body() + script.body()).doesNotContain("payments-mcp", server.url().toString());
    }

    @Test
    void anExpiredTokenIs401InvalidToken() {
        String expired = token(user("reader-1", List.of(AUDIENCE), Map.of("scope", "openid"), -600));

        assertInvalid(api.request("list-clients-jwt.json").bearer(expired).send(), "expired");
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        String other = token(user("reader-1", List.of("some-other-api"), Map.of("scope", "openid"), 3600));

        assertInvalid(api.request("list-clients-jwt.json").bearer(other).send(), "audience");
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        String foreign = oidc.issueToken("another-issuer", "reader-1",
                new DefaultOAuth2TokenCallback("another-issuer", "reader-1", "JWT", List.of(AUDIENCE),
                        Map.of("scope", ADMIN_SCOPE), 3600)).serialize();

        assertInvalid(api.request("check-now-jwt.json").bearer(foreign).send(), null);
        assertNothingProbed(readiness.calls());
    }

    @Test
    void aTokenWithATamperedPayloadIs401() {
        String[] parts = token(user("reader-1", List.of(AUDIENCE), Map.of("scope", "openid"), 3600)).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("openid", ADMIN_SCOPE);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertInvalid(api.request("check-now-jwt.json").bearer(forged).send(), "signature");
    }

    /** Claims in the event prove nothing by themselves: whoever may invoke the function can write any. */
    @Test
    void authorizerClaimsInTheEventWithoutAValidTokenAreRefused() {
        int before = readiness.calls();

        ApiHarness.Response none = api.request("check-now-jwt.json").noAuth().send();
        ApiHarness.Response garbage = api.request("check-now-jwt.json").send(); // "Bearer replaced-by-the-test"

        assertThat(none.status()).isEqualTo(401);
        assertInvalid(garbage, "not a signed JWT");
        assertNothingProbed(before);
    }

    @Test
    void aValidTokenWithoutTheAdminScopeReadsButCannotCheckNow() {
        Map<String, Object> claims = Map.of("scope", "openid email");
        SignedJWT reader = oidc.issueToken(ISSUER_ID, "mcpulse-web", user("reader-1", List.of(AUDIENCE), claims, 3600));
        int before = readiness.calls();

        ApiHarness.Response list = api.request("list-clients-jwt.json").bearer(reader.serialize())
                .gatewayClaims(claimsOf(reader)).send();
        ApiHarness.Response check = api.request("check-now-jwt.json").bearer(reader.serialize())
                .gatewayClaims(claimsOf(reader)).send();

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("payments-mcp");
        assertThat(check.status()).isEqualTo(403);
        assertThat(check.header("www-authenticate"))
                .isEqualTo("Bearer realm=\"mcpulse\", error=\"insufficient_scope\", scope=\"" + ADMIN_SCOPE + "\"");
        assertThat(api.parse(check.body())).containsEntry("error", "insufficient_scope");
        assertNothingProbed(before);
    }

    @Test
    void aPersonWithTheAdminScopeOutsideTheAdminGroupCannotCheckNow() {
        String token = token(user("reader-2", List.of(AUDIENCE),
                Map.of("scope", "openid " + ADMIN_SCOPE, "cognito:groups", List.of("readers"), "client_id", AUDIENCE),
                3600));
        int before = readiness.calls();

        ApiHarness.Response check = api.request("check-now-jwt.json").bearer(token).send();

        assertThat(check.status()).isEqualTo(403);
        assertThat(api.parse(check.body())).containsEntry("error", "insufficient_scope")
                .hasEntrySatisfying("message", m -> assertThat((String) m).contains("admins group"));
        assertNothingProbed(before);
    }

    @Test
    void anAdminChecksNow() {
        SignedJWT admin = oidc.issueToken(ISSUER_ID, "mcpulse-web", user("admin-1", List.of(AUDIENCE),
                Map.of("scope", "openid " + ADMIN_SCOPE, "cognito:groups", List.of("admins"), "client_id", AUDIENCE),
                3600));
        int before = readiness.calls();

        ApiHarness.Response check = api.request("check-now-jwt.json").bearer(admin.serialize())
                .gatewayClaims(claimsOf(admin)).send();

        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(api.parse(check.body()).get("endpoint")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("status", "connected");
        assertThat(readiness.calls()).as("the real server's readiness tool was called").isEqualTo(before + 1);
        assertThat(logs.lines()).anyMatch(l -> l.contains("admin request allowed") && l.contains("subject admin-1"));
    }

    /** The machines' way in: client_credentials at the issuer's token endpoint, the admin scope requested. */
    @Test
    void aMachineTokenFromTheClientCredentialsGrantChecksNow() throws Exception {
        String token = clientCredentialsToken(ADMIN_SCOPE);
        int before = readiness.calls();

        ApiHarness.Response check = api.request("check-now.json").bearer(token).send();

        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(readiness.calls()).isEqualTo(before + 1);
        assertThat(logs.lines()).anyMatch(l -> l.contains("admin request allowed") && l.contains("client " + MACHINE_CLIENT));
    }

    @Test
    void publicReadOpensTheReadRoutesOnly() {
        try (ApiHarness open = ApiHarness.start(oidcProperties(Map.of(AuthSettings.PUBLIC_READ_PROPERTY, "true")))) {
            open.register(Seed.entry("payments-mcp", "url", server.url().toString(),
                    "readiness", Map.of("tool", CountingReadinessTool.NAME)));
            int before = readiness.calls();

            assertThat(open.request("list-clients.json").noAuth().send().status()).isEqualTo(200);
            assertThat(open.request("get-client.json").noAuth().send().status()).isEqualTo(200);
            assertThat(open.request("check-now.json").noAuth().send().status()).isEqualTo(401);
            assertThat(readiness.calls()).isEqualTo(before);
        }
        assertThat(api.request("list-clients.json").noAuth().send().status())
                .as("public-read is false by default").isEqualTo(401);
    }

    @Test
    void aMachineClientWithAWrongSecretGetsNoToken() throws Exception {
        HttpResponse<String> response = tokenRequest(MACHINE_CLIENT, "not-the-secret", ADMIN_SCOPE);

        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void aMachineTokenWithoutTheAdminScopeCannotCheckNow() throws Exception {
        String token = clientCredentialsToken("mcpulse/read");
        int before = readiness.calls();

        ApiHarness.Response check = api.request("check-now.json").bearer(token).send();

        assertThat(check.status()).isEqualTo(403);
        assertNothingProbed(before);
    }

    @Test
    void anIssuerWithoutAnAudienceStopsStartupNamingTheProperty() {
        assertThatThrownBy(() -> ApiHarness.start(Map.of(AuthSettings.ISSUER_PROPERTY,
                oidc.issuerUrl(ISSUER_ID).toString())).close())
                .hasStackTraceContaining(AuthSettings.AUDIENCE_PROPERTY + " must name the audience");
    }

    @Test
    void noTokenEverAppearsInAResponseOrALogLine() throws Exception {
        issued.add(clientCredentialsToken(ADMIN_SCOPE));
        for (String token : List.copyOf(issued)) {
            assertThat(api.request("check-now-jwt.json").bearer(token).send().body()).doesNotContain(token);
            assertThat(api.request("list-clients-jwt.json").bearer(token + "x").send().body()).doesNotContain(token);
        }
        assertThat(issued).isNotEmpty();
        assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> {
            for (String token : issued) {
                assertThat(line).doesNotContain(token).doesNotContain(token.split("\\.")[2]);
            }
        }).noneMatch(line -> line.contains(MACHINE_SECRET));
    }

    private static DefaultOAuth2TokenCallback user(String subject, List<String> audience, Map<String, Object> claims,
                                                   long expirySeconds) {
        return new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", audience, claims, expirySeconds);
    }

    private static String token(DefaultOAuth2TokenCallback callback) {
        String token = oidc.issueToken(ISSUER_ID, "mcpulse-web", callback).serialize();
        issued.add(token);
        return token;
    }

    private static Map<String, Object> claimsOf(SignedJWT token) {
        issued.add(token.serialize());
        try {
            return token.getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clientCredentialsToken(String scope) throws Exception {
        HttpResponse<String> response = tokenRequest(MACHINE_CLIENT, MACHINE_SECRET, scope);
        assertThat(response.statusCode()).as("token endpoint").isEqualTo(200);
        String token = (String) api.parse(response.body()).get("access_token");
        issued.add(token);
        return token;
    }

    private static HttpResponse<String> tokenRequest(String clientId, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(oidc.tokenEndpointUrl(ISSUER_ID).toString()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertInvalid(ApiHarness.Response response, String reasonFragment) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).isEqualTo("Bearer realm=\"mcpulse\", error=\"invalid_token\"");
        Map<String, Object> body = api.parse(response.body());
        assertThat(body).containsEntry("error", "invalid_token");
        if (reasonFragment != null) {
            assertThat((String) body.get("message")).contains(reasonFragment);
        }
    }

    private static void assertNothingProbed(int readinessCallsBefore) {
        assertThat(readiness.calls()).as("readiness calls on the real server").isEqualTo(readinessCallsBefore);
        assertThat(api.bean(SnapshotStore.class).latest(new EndpointId("payments-mcp"))).isEmpty();
    }
}
