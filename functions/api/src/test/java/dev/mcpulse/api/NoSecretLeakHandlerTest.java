package dev.mcpulse.api;

import static dev.mcpulse.api.TestSecrets.CANARY;
import static dev.mcpulse.api.TestSecrets.CANARY_SECRET_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.testservers.JavaSdkServers;
import dev.mcpulse.testservers.NodeFixtures;
import dev.mcpulse.testservers.RunningServer;
import dev.mcpulse.testservers.TestTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN section 7, the hard way: a canary secret is resolvable by an endpoint, a server echoes it back in its error,
 * and a caller pastes it where a reference belongs. Every route and failure path is exercised; no response body and
 * no log line may contain the canary or anything shaped like a bearer token.
 */
class NoSecretLeakHandlerTest {

    private static final Pattern BEARER_TOKEN = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/-]{16,}");

    private static ApiHarness api;
    private static LogCapture logs;
    private static RunningServer echoingToolError;
    private static RunningServer echoingRpcError;
    private static final List<String> bodies = new ArrayList<>();

    @BeforeAll
    static void start() {
        logs = LogCapture.open();
        // Real servers that accept only the canary as their bearer token and echo it back in their errors.
        echoingToolError = NodeFixtures.start("bearer", Map.of("TOKEN", CANARY, "ECHO_TOKEN_IN_ERRORS", "1"));
        echoingRpcError = JavaSdkServers.builder("echoing-rpc-error", "1.0.0").standardTools()
                .tool(new TestTool("whoami", "Fails with the caller's credential in its error.",
                        TestTool.objectSchema(Map.of(), List.of()), true, arguments -> {
                            throw new IllegalStateException("internal error for Bearer " + CANARY);
                        }))
                .requireBearerToken(CANARY)
                .start();
        api = ApiHarness.start();
        api.clearFleet();
    }

    @AfterAll
    static void stop() {
        api.close();
        logs.close();
        echoingToolError.close();
        echoingRpcError.close();
    }

    @Test
    void noRouteAndNoLogLineRevealsTheCanary() {
        String entry = "{\"url\": \"" + echoingToolError.url() + "\", \"auth\": {\"type\": \"bearer\", \"secret\": \""
                + CANARY_SECRET_ID + "\"}, \"readiness\": {\"tool\": \"check\"}}";
        String rpcEntry = "{\"url\": \"" + echoingRpcError.url() + "\", \"auth\": {\"type\": \"bearer\", \"secret\": \""
                + CANARY_SECRET_ID + "\"}, \"readiness\": {\"tool\": \"whoami\"}}";
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/canary").body(entry), 201);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/canary-rpc").body(rpcEntry), 201);
        // the servers answer with the credential in their error text, as misbehaving servers do
        send(api.request("check-now.json").admin().path("/api/mcp/clients/canary/check"), 200);
        send(api.request("check-now.json").admin().path("/api/mcp/clients/canary-rpc/check"), 200);
        send(api.request("validate-endpoint.json").admin().body(entry.replaceFirst("\\{", "{\"id\": \"canary\", ")), 200);
        send(api.request("list-clients.json"), 200);
        send(api.request("get-client.json").path("/api/mcp/clients/canary"), 200);
        // pasted where a reference belongs: refused without being echoed
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", \"auth\": {\"type\": \"bearer\", \"secret\": \"" + CANARY + "\"}}"), 400);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", \"auth\": {\"type\": \"bearer\", \"secret\": \"x\", \"value\": \"" + CANARY + "\"}}"), 400);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", \"auth\": \"Bearer " + CANARY + "\"}"), 400);
        send(api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/pasted").body(
                "{\"url\": \"https://x.example.com/mcp\", " + CANARY + "}"), 400);
        send(api.request("import-fleet-yaml.json").admin().contentType("application/yaml").body(
                "- id: pasted\n  url: https://x.example.com/mcp\n  auth: {type: bearer, secret: " + CANARY + "}\n"), 400);
        send(api.request("list-clients.json").query("label", "team:" + CANARY), 200);
        // Not sent: the canary as a JSON key or a path id. Those echo the caller's own text back to the caller in a
        // 400/404 message; they are not places a secret is stored, resolved or logged.

        send(api.request("get-client.json").path("/api/mcp/clients/canary-rpc"), 200);

        Map<String, Object> stored = api.parse(api.request("get-client.json").path("/api/mcp/clients/canary").send().body());
        assertThat(PayloadContractHandlerTest.map(stored.get("endpoint"))).containsEntry("reason", "tool_error");
        assertThat((String) PayloadContractHandlerTest.map(stored.get("endpoint")).get("last_error"))
                .contains("upstream rejected credential", "[redacted]").doesNotContain(CANARY);
        Map<String, Object> storedRpc = api.parse(api.request("get-client.json").path("/api/mcp/clients/canary-rpc").send().body());
        assertThat((String) PayloadContractHandlerTest.map(storedRpc.get("endpoint")).get("last_error"))
                .contains("[redacted]").doesNotContain(CANARY);
        assertThat(bodies).hasSizeGreaterThan(10).allSatisfy(body -> {
            assertThat(body).doesNotContain(CANARY);
            assertThat(BEARER_TOKEN.matcher(body).find()).as("bearer token in %s", body).isFalse();
        });
        assertThat(logs.lines()).isNotEmpty().allSatisfy(line -> {
            assertThat(line).doesNotContain(CANARY).doesNotContain(ApiHarness.ADMIN_TOKEN);
            assertThat(BEARER_TOKEN.matcher(line).find()).as("bearer token in %s", line).isFalse();
        });
    }

    private static void send(ApiHarness.Request request, int expectedStatus) {
        ApiHarness.Response response = request.send();
        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        bodies.add(response.body());
    }
}
