package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner answers only requests addressed to this machine (or to a name given with --allowed-host): a page
 * whose domain re-resolves to 127.0.0.1 gets 421 on every route, and never sees an endpoint of the fleet. Raw HTTP on
 * a socket, because java.net.http does not let a client choose its Host header.
 */
class DnsRebindingIT {

    private static final String ADMIN_TOKEN = "rebinding-test-token-7c2e91";
    /** The one endpoint of the fleet: what a rebinding page wants to read. */
    private static final String INTERNAL_URL = "http://127.0.0.1:9/internal-only-mcp";

    @TempDir
    static Path dir;

    private static LocalMcpulse local;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), """
                - id: internal-one
                  url: %s
                  timeoutMs: 500
                """.formatted(INTERNAL_URL));
        port = LocalRunnerIT.freePort();
        local = LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo", "--fleet",
                fleet.toString(), "--interval-seconds", "3600", "--admin-token", ADMIN_TOKEN,
                "--allowed-host", "mcpulse.test"));
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void aForeignHostIsRefusedOnEveryRouteAndSeesNoEndpoint() {
        String evil = "evil.example.com:" + port;
        String entry = "{\"url\": \"http://127.0.0.1:9/planted\"}";
        List<RawHttp.Answer> answers = List.of(
                RawHttp.get(port, "/", evil),
                RawHttp.get(port, "/assets/app.js", evil),
                RawHttp.get(port, "/api/mcp/clients", evil),
                RawHttp.get(port, "/api/mcp/clients/internal-one?history=60", evil),
                RawHttp.get(port, "/api/openapi.yml", evil),
                RawHttp.get(port, "/no-such-route", evil),
                RawHttp.exchange(port, "POST /api/mcp/clients/internal-one/check HTTP/1.1\nHost: " + evil
                        + "\nAuthorization: Bearer " + ADMIN_TOKEN + "\nContent-Length: 0\nConnection: close", new byte[0]),
                admin("PUT", "/api/mcp/endpoints/planted", evil, entry),
                admin("DELETE", "/api/mcp/endpoints/internal-one", evil, ""));

        for (RawHttp.Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(421);
            assertThat(answer.headers().get("content-type")).startsWith("application/json");
            Map<String, Object> error = json(answer.body());
            assertThat(error).containsEntry("error", "host_not_allowed").containsEntry("field", "Host");
            assertThat((String) error.get("message")).contains("\"evil.example.com\"", "--allowed-host evil.example.com");
            assertThat(answer.body()).doesNotContain("internal-one", "internal-only", "127.0.0.1:9");
        }
        // The admin requests changed nothing: the fleet is still the one endpoint.
        String fleet = RawHttp.get(port, "/api/mcp/clients", "localhost:" + port).body();
        assertThat(fleet).contains(INTERNAL_URL).doesNotContain("planted");
    }

    @Test
    void namesOfThisMachineAndAllowedNamesAreAnswered() {
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "mcpulse.test",
                "MCPulse.Test:" + port, "localhost")) {
            RawHttp.Answer answer = RawHttp.get(port, "/api/mcp/clients", host);

            assertThat(answer.status()).as("Host: %s → %s", host, answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(host).contains(INTERNAL_URL);
        }
        assertThat(RawHttp.get(port, "/", "mcpulse.test:" + port).status()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutOneHostIsABadRequest() {
        RawHttp.Answer http10 = RawHttp.exchange(port, "GET /api/mcp/clients HTTP/1.0", new byte[0]);
        RawHttp.Answer http11 = RawHttp.exchange(port, "GET /api/mcp/clients HTTP/1.1\nConnection: close", new byte[0]);
        RawHttp.Answer twoHosts = RawHttp.exchange(port, "GET /api/mcp/clients HTTP/1.1\nHost: localhost\nHost: "
                + "evil.example.com\nConnection: close", new byte[0]);

        for (RawHttp.Answer answer : List.of(http10, http11, twoHosts)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(json(answer.body())).containsEntry("error", "invalid_host");
            assertThat(answer.body()).doesNotContain(INTERNAL_URL);
        }
    }

    private static RawHttp.Answer admin(String method, String path, String host, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(port, method + " " + path + " HTTP/1.1\nHost: " + host + "\nAuthorization: Bearer "
                + ADMIN_TOKEN + "\nContent-Type: application/json\nContent-Length: " + bytes.length
                + "\nConnection: close", bytes);
    }

    static Map<String, Object> json(String body) {
        try {
            return ObjectMapper.getDefault().readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + body, e);
        }
    }
}
