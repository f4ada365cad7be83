package dev.mcpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.mcp.AuthorizationServer;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.OAuthProtection;
import dev.mcpulse.mcpservers.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mcpulse-probe --client-id} against a real authorization server ({@link AuthorizationServer}) and an MCP Java
 * SDK server that accepts only the tokens it issues: the secret comes from the named variable, the result says when
 * the token expires and how long getting it took, and neither the secret, the key nor the token is printed.
 */
class ProbeCommandOAuthIT {

    static final String SECRET = "cli-canary-secret-5d8e2a7c9b1f";
    static AuthorizationServer as;
    static RunningServer server;
    static String pem;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        as = new AuthorizationServer();
        as.register("cli-client", SECRET);
        as.register("cli-jwt-client", keys.getPublic());
        server = JavaSdkServers.builder("oauth-protected", "1.0.0").standardTools()
                .requireOAuthTokens(OAuthProtection.of(as.issuer(), as.jwks(), "mcp:tools")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        as.close();
    }

    private record Run(int exitCode, JsonNode json, String err) {
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ProbeCommand(env::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(printed.contains(SECRET)).as("the client secret is printed").isFalse();
        assertThat(printed.contains(pem.lines().skip(1).findFirst().orElseThrow())).as("the private key is printed").isFalse();
        for (String token : as.issuedTokens()) {
            assertThat(printed.contains(token)).as("an issued access token is printed").isFalse();
        }
        return new Run(code, new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClientSecretFromTheNamedVariableSignsInAndTheResultSaysWhenTheTokenExpires() throws Exception {
        Instant before = Instant.now();
        Run run = run(Map.of("CLIENT_SECRET", SECRET), server.url().toString(), "--client-id", "cli-client",
                "--token-env", "CLIENT_SECRET", "--token-endpoint-auth", "client_secret_post", "--scope", "mcp:tools");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("outcome").asText()).isEqualTo("ok");
        assertThat(run.json().path("latency").has("tokenMs")).isTrue();
        assertThat(Instant.parse(run.json().path("tokenExpiresAt").asText())).isAfter(before.plusSeconds(3000));
        assertThat(as.issuedTokens()).isNotEmpty();
    }

    @Test
    void aPrivateKeyFromTheNamedVariableSignsTheAssertion() throws Exception {
        Run run = run(Map.of("CLIENT_KEY", pem), server.url().toString(), "--client-id", "cli-jwt-client",
                "--token-env", "CLIENT_KEY", "--token-endpoint-auth", "private_key_jwt", "--signing-alg", "PS256");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void aWrongSecretIsRefusedByTheAuthorizationServerAndExitsThree() throws Exception {
        Run run = run(Map.of("CLIENT_SECRET", "wrong-" + SECRET), server.url().toString(), "--client-id", "cli-client",
                "--token-env", "CLIENT_SECRET");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.json().path("outcome").asText()).isEqualTo("auth_server_refused");
        assertThat(run.json().path("step").asText()).isEqualTo("token");
        assertThat(run.json().path("lastError").asText()).contains("invalid_client");
        assertThat(run.json().has("tokenExpiresAt")).isFalse();
    }
}
