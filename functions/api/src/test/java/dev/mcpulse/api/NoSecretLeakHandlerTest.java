package dev.mcpulse.api;

import static dev.mcpulse.api.TestSecrets.CANARY;
import static dev.mcpulse.api.TestSecrets.CANARY_SECRET_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.mcp.AuthorizationServer;
import dev.mcpulse.mcpservers.CredentialEcho;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.OAuthProtection;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.testsupport.CanaryWalk;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.testsupport.NodeFixtures;
import dev.mcpulse.wiring.JsonLogging;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN section 7, the hard way. A canary secret is the credential of eleven endpoints, one per probe outcome, and
 * most of their servers repeat it back: in a tool's isError text, in a thrown tool error, in WWW-Authenticate (as
 * error_description, and as the scope of an insufficient_scope challenge), in JSON-RPC error messages of a 400 and a
 * 500, and in a body that is not JSON-RPC. Every API route is driven over them — writes, check now, validate, reads,
 * imports, delete, the dashboard and its files, the OpenAPI document, refusals — and a caller pastes the canary where
 * a reference belongs. Then every response (body and headers), every item stored in DynamoDB and every captured log
 * line is walked key by key and value by value: the canary and bearer-token-shaped text occur 0 times. Two more
 * endpoints sign in with OAuth client credentials whose client secret is the canary (one accepted, one refused by
 * the authorization server), and every access token they were issued is walked for as well.
 */
class NoSecretLeakHandlerTest {

    /** The endpoints, by id: their entry and the outcome a probe of them must have. */
    private static final Map<String, Map<String, Object>> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, String> OUTCOMES = new LinkedHashMap<>();

    private static ApiHarness api;
    private static AuthorizationServer authorizationServer;
    private static LogCapture logs;
    private static final List<RunningServer> servers = new ArrayList<>();
    private static final List<ApiHarness.Response> responses = new ArrayList<>();
    private static final List<String> sent = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        // A real TypeScript-SDK server that accepts the canary and puts it in its readiness tool's isError text.
        endpoint("canary-tool-error", "tool_error", server(NodeFixtures.start("bearer",
                Map.of("TOKEN", CANARY, "ECHO_TOKEN_IN_ERRORS", "1"))), Map.of("readiness", Map.of("tool", "check")));
        endpoint("canary-tool-throws", "tool_error", server(JavaSdkServers.builder("echoing-tool", "1.0.0").standardTools()
                .tool(new TestTool("whoami", "Fails with the caller's credential in its error.",
                        TestTool.objectSchema(Map.of(), List.of()), true, arguments -> {
                            throw new IllegalStateException("internal error for Bearer " + CANARY);
                        }))
                .requireBearerToken(CANARY).start()), Map.of("readiness", Map.of("tool", "whoami")));
        endpoint("canary-ok", "ok", server(JavaSdkServers.builder("healthy", "1.0.0").standardTools()
                .requireBearerToken(CANARY).start()), Map.of("readiness", Map.of("tool", "ready")));
        endpoint("canary-challenge", "auth_rejected", echoing(CredentialEcho.CHALLENGE), Map.of());
        endpoint("canary-header", "auth_rejected", echoing(CredentialEcho.CHALLENGE),
                Map.of("auth", Map.of("type", "header", "name", "X-Api-Key", "secret", CANARY_SECRET_ID)));
        endpoint("canary-scope", "auth_insufficient_scope", echoing(CredentialEcho.INSUFFICIENT_SCOPE), Map.of());
        endpoint("canary-rpc-error", "rpc_error", echoing(CredentialEcho.RPC_ERROR), Map.of());
        endpoint("canary-server-error", "http_error", echoing(CredentialEcho.SERVER_ERROR), Map.of());
        endpoint("canary-malformed", "protocol_error", echoing(CredentialEcho.MALFORMED), Map.of());
        endpoint("canary-timeout", "timeout", server(JavaSdkServers.builder("slow", "1.0.0").standardTools()
                .requireBearerToken(CANARY).delay(Duration.ofSeconds(2)).start()), Map.of("timeoutMs", 500));
        endpoint("canary-unreachable", "unreachable", closedPort(), Map.of());
        endpoint("canary-missing", "auth_missing", "http://127.0.0.1:9/mcp",
                Map.of("auth", Map.of("type", "bearer", "secret", "mcpulse/test/never-created")));
        // OAuth client credentials: the canary is the client secret; the access tokens issued are walked for too.
        authorizationServer = new AuthorizationServer();
        authorizationServer.register("canary-client", CANARY);
        endpoint("canary-oauth", "ok", server(JavaSdkServers.builder("oauth-protected", "1.0.0").standardTools()
                .requireOAuthTokens(OAuthProtection.of(authorizationServer.issuer(), authorizationServer.jwks(), "mcp:tools"))
                .start()), Map.of("auth", Map.of("type", "oauth-client-credentials", "clientId", "canary-client",
                "secret", CANARY_SECRET_ID, "tokenEndpointAuth", "client_secret_post")));
        endpoint("canary-oauth-refused", "auth_server_refused", server(JavaSdkServers.builder("oauth-protected", "1.0.0")
                .standardTools().requireOAuthTokens(OAuthProtection.of(authorizationServer.issuer(),
                        authorizationServer.jwks(), "mcp:tools")).start()),
                Map.of("auth", Map.of("type", "oauth-client-credentials", "clientId", "unregistered-client",
                        "secret", CANARY_SECRET_ID)));
        api = ApiHarness.start();
        api.clearFleet();
    }

    @AfterAll
    static void stop() {
        authorizationServer.close();
        api.close();
        logs.close();
        servers.forEach(RunningServer::close);
    }

    @Test
    void noPayloadStoredItemOrLogLineHoldsTheCanary() {
        ENTRIES.forEach((id, entry) -> send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/" + id)
                .body(json(entry)), 201));
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/canary-ok")
                .body(json(ENTRIES.get("canary-ok"))), 200);
        // every outcome, reached through both probing routes; the servers answer with the credential in their errors
        OUTCOMES.forEach((id, outcome) -> {
            Map<String, Object> checked = api.parse(send(api.request("check-now.json").admin()
                    .path("/api/mcp/clients/" + id + "/check"), 200).body());
            assertThat(PayloadContractHandlerTest.map(checked.get("endpoint"))).as(id).containsEntry("last_outcome", outcome);
            Map<String, Object> entry = new LinkedHashMap<>(ENTRIES.get(id));
            entry.put("id", id);
            assertThat(api.parse(send(api.request("validate-endpoint.json").admin().body(json(entry)), 200).body()))
                    .as(id).containsEntry("outcome", outcome);
        });
        send(api.request("list-clients.json"), 200);
        send(api.request("list-clients.json").query("status", "unhealthy"), 200);
        send(api.request("list-clients.json").query("label", "canary:yes"), 200);
        OUTCOMES.keySet().forEach(id -> send(api.request("get-client.json").path("/api/mcp/clients/" + id)
                .query("history", "10"), 200));
        String fleet = ENTRIES.entrySet().stream().map(e -> {
            Map<String, Object> entry = new LinkedHashMap<>(e.getValue());
            entry.put("id", e.getKey());
            return json(entry);
        }).collect(Collectors.joining(", ", "[", "]"));
        send(api.request("import-fleet-json.json").admin().contentType("application/json").body(fleet), 200);
        send(api.request("import-fleet-yaml.json").admin().contentType("application/yaml").body(fleet), 200);
        send(api.request("delete-endpoint.json").admin().path("/api/mcp/endpoints/canary-missing"), 204);
        send(api.request("get-client.json").path("/api/mcp/clients/canary-missing"), 404);
        send(api.request("dashboard.json"), 200);
        send(api.request("dashboard.json").path("/assets/app.js"), 200);
        send(api.request("openapi.json"), 200);
        send(api.request("check-now.json").noAuth().path("/api/mcp/clients/canary-ok/check"), 401);
        send(api.request("check-now.json").path("/api/mcp/clients/canary-ok/check"), 401);
        send(api.request("list-clients.json").path("/api/mcp/nowhere"), 404);
        // pasted where a reference belongs: refused without being echoed
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", \"auth\": {\"type\": \"bearer\", \"secret\": \"" + CANARY + "\"}}"), 400);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", \"auth\": {\"type\": \"bearer\", \"secret\": \"x\", "
                        + "\"value\": \"" + CANARY + "\"}}"), 400);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", \"auth\": \"Bearer " + CANARY + "\"}"), 400);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", " + CANARY + "}"), 400);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://user:" + CANARY + "@x.example.com/mcp\"}"), 400);
        send(api.request("import-fleet-yaml.json").admin().contentType("application/yaml").body(
                "- id: pasted\n  url: https://x.example.com/mcp\n  auth: {type: bearer, secret: " + CANARY + "}\n"), 400);
        send(api.request("list-clients.json").query("label", "team:" + CANARY), 200);
        // Not sent: the canary as a JSON key or a path id. Those echo the caller's own text back to the caller in a
        // 400/404 message; they are not places a secret is stored, resolved or logged.

        Map<String, Object> stored = PayloadContractHandlerTest.map(api.parse(
                api.request("get-client.json").path("/api/mcp/clients/canary-tool-error").send().body()).get("endpoint"));
        assertThat((String) stored.get("last_error")).as("the server's own words are kept, redacted")
                .contains("upstream rejected credential", "[redacted]");

        for (String id : List.of("canary-tool-throws", "canary-rpc-error", "canary-server-error")) {
            Map<String, Object> view = PayloadContractHandlerTest.map(api.parse(
                    api.request("get-client.json").path("/api/mcp/clients/" + id).send().body()).get("endpoint"));
            assertThat((String) view.get("last_error")).as("%s: the echoed credential reached the probe", id).contains("[redacted]");
        }
        CanaryWalk control = new CanaryWalk(CANARY, NoSecretLeakHandlerTest::parseJson);
        control.payload("control", "{\"errors\": [{\"message\": \"token " + CANARY + "\"}], \"k\": \"Bearer abcdefghijklmnopq\"}");
        assertThat(control.occurrences()).as("the walk finds what it looks for").hasSize(2);

        CanaryWalk walk = new CanaryWalk(CANARY, NoSecretLeakHandlerTest::parseJson);
        for (int i = 0; i < responses.size(); i++) {
            ApiHarness.Response response = responses.get(i);
            walk.payload(sent.get(i), response.body());
            walk.payload(sent.get(i) + " headers", json(response.headers()));
        }
        api.tableItems().forEach(item -> walk.record("table item", item));
        logs.lines().forEach(walk::logLine);
        System.out.println(walk.summary("canary walk (api function)"));

        assertThat(walk.occurrences()).isEmpty();
        // Every access token the OAuth endpoints were issued (by check now and by validate): walked for the same way.
        assertThat(authorizationServer.issuedTokens()).as("access tokens issued").isNotEmpty();
        for (String token : authorizationServer.issuedTokens()) {
            CanaryWalk tokenWalk = new CanaryWalk(token, NoSecretLeakHandlerTest::parseJson);
            for (int i = 0; i < responses.size(); i++) {
                tokenWalk.payload(sent.get(i), responses.get(i).body());
                tokenWalk.payload(sent.get(i) + " headers", json(responses.get(i).headers()));
            }
            api.tableItems().forEach(item -> tokenWalk.record("table item", item));
            logs.lines().forEach(tokenWalk::logLine);
            assertThat(tokenWalk.occurrences()).as("an issued access token").isEmpty();
        }
        assertThat(walk.payloads()).as("payloads walked").isGreaterThan(100);
        assertThat(walk.logLines()).as("log lines walked").isGreaterThan(50);
        assertThat(logs.lines()).noneMatch(line -> line.contains(ApiHarness.ADMIN_TOKEN));
    }

    private static ApiHarness.Response send(ApiHarness.Request request, int expectedStatus) {
        ApiHarness.Response response = request.send();
        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        responses.add(response);
        sent.add("response " + responses.size() + " (" + response.status() + ")");
        return response;
    }

    /** Registers an endpoint whose credential is the canary (a bearer token unless {@code more} says otherwise). */
    private static void endpoint(String id, String outcome, String url, Map<String, Object> more) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("url", url);
        entry.put("labels", Map.of("canary", "yes"));
        entry.put("auth", Map.of("type", "bearer", "secret", CANARY_SECRET_ID));
        entry.put("timeoutMs", 5_000);
        entry.putAll(more);
        ENTRIES.put(id, entry);
        OUTCOMES.put(id, outcome);
    }

    private static String server(RunningServer server) {
        servers.add(server);
        return server.url().toString();
    }

    private static String echoing(CredentialEcho echo) {
        return server(JavaSdkServers.builder("echoing-" + echo.name().toLowerCase(java.util.Locale.ROOT), "1.0.0")
                .standardTools().echoCredentialIn(echo).start());
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/mcp";
        }
    }

    private static String json(Object value) {
        try {
            return api.bean(JsonMapper.class).writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Object> parseJson(String text) {
        try {
            return Optional.ofNullable(api.bean(JsonMapper.class).readValue(text, Argument.OBJECT_ARGUMENT));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
