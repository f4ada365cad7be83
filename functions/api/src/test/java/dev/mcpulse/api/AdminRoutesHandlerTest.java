package dev.mcpulse.api;

import static dev.mcpulse.api.ReadRoutesHandlerTest.byId;
import static dev.mcpulse.api.ReadRoutesHandlerTest.endpoints;
import static dev.mcpulse.api.ReadRoutesHandlerTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import dev.mcpulse.testsupport.NodeFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registry admin and "check now" through the real Lambda entry, with the admin credential. */
class AdminRoutesHandlerTest {

    /** The only bearer token the locked server accepts; the canary secret the entries reference is not it. */
    private static final String ACCEPTED_TOKEN = "accepted-token-0c4b8e2f9a7d1e35";
    private static final CountingReadinessTool readiness = new CountingReadinessTool();
    private static final AtomicReference<ToolReply> checkReply = new AtomicReference<>();

    private static ApiHarness api;
    private static RunningServer failing;
    private static RunningServer healthy;
    private static RunningServer locked;
    private Seed seed;

    @BeforeAll
    static void start() {
        failing = NodeFixtures.start("http-500", Map.of());
        healthy = JavaSdkServers.builder("payments", "2.3.0").standardTools().tool(readiness.tool())
                .tool(new TestTool("check", "Readiness check whose answer the test sets.",
                        TestTool.objectSchema(Map.of(), java.util.List.of()), true, arguments -> checkReply.get()))
                .start();
        locked = JavaSdkServers.builder("locked", "1.0.0").standardTools().requireBearerToken(ACCEPTED_TOKEN).start();
        api = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
        failing.close();
        healthy.close();
        locked.close();
    }

    @BeforeEach
    void clean() {
        api.clearFleet();
        seed = new Seed(api);
    }

    @Test
    void putCreatesThenReplacesAnEntryWhoseBodyLeavesOutTheId() {
        ApiHarness.Response created = api.request("put-endpoint.json").admin().send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("location")).isEqualTo("/api/mcp/clients/payments-mcp");
        Map<String, Object> body = api.parse(created.body());
        assertThat(body).containsEntry("id", "payments-mcp").containsEntry("name", "Payments MCP")
                .containsEntry("reason", "never_checked").containsEntry("timeoutMs", 8000)
                .containsEntry("readiness", Map.of("tool", "get_balance", "arguments", Map.of("account", "health-check")));
        assertThat(registry().get(new EndpointId("payments-mcp"))).get()
                .satisfies(e -> assertThat(e.labels()).containsEntry("team", "payments"));

        ApiHarness.Response replaced = api.request("put-endpoint.json").admin()
                .body("{\"id\": \"payments-mcp\", \"url\": \"https://mcp.payments.example.com/mcp\", \"name\": \"Renamed\"}")
                .send();

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(registry().get(new EndpointId("payments-mcp"))).get()
                .satisfies(e -> assertThat(e.name()).isEqualTo("Renamed"));
        assertThat(registry().list()).hasSize(1);
    }

    @Test
    void changingTheProbeTargetDropsTheOldSnapshotButRenamingKeepsIt() {
        api.register(Seed.entry("payments-mcp"));
        seed.checked("payments-mcp", Seed.healthy(3), Duration.ofSeconds(10));

        api.request("put-endpoint.json").admin()
                .body("{\"url\": \"https://payments-mcp.example.com/mcp\", \"name\": \"Only renamed\"}").send();
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).isPresent();

        ApiHarness.Response moved = api.request("put-endpoint.json").admin()
                .body("{\"url\": \"https://elsewhere.example.com/mcp\"}").send();
        assertThat(moved.status()).isEqualTo(200);
        assertThat(api.parse(moved.body())).containsEntry("reason", "never_checked");
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).isEmpty();
        assertThat(snapshots().history(new EndpointId("payments-mcp"), 10)).isEmpty();
    }

    @Test
    void deleteRemovesTheEntryWithItsSnapshotsAndAnUnknownIdIs404() {
        api.register(Seed.entry("payments-mcp"));
        seed.checked("payments-mcp", Seed.healthy(3), Duration.ofSeconds(10));

        ApiHarness.Response deleted = api.request("delete-endpoint.json").admin().send();

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(registry().list()).isEmpty();
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).isEmpty();

        ApiHarness.Response again = api.request("delete-endpoint.json").admin().send();
        assertThat(again.status()).isEqualTo(404);
        assertThat(api.parse(again.body())).containsEntry("error", "not_found").containsEntry("field", "id");
    }

    @Test
    void importsABase64EncodedYamlFleetFile() {
        api.register(Seed.entry("docs-search"));

        ApiHarness.Response response = api.request("import-fleet-yaml.json").admin().send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.parse(response.body())).containsEntry("imported", 2)
                .containsEntry("created", java.util.List.of("payments-mcp"))
                .containsEntry("replaced", java.util.List.of("docs-search"));
        assertThat(registry().list()).extracting(e -> e.id().value()).containsExactly("docs-search", "payments-mcp");
        assertThat(registry().get(new EndpointId("docs-search")).orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void importsATabIndentedJsonFleetFile() {
        ApiHarness.Response response = api.request("import-fleet-json.json").admin().send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(registry().list()).extracting(e -> e.id().value()).containsExactly("docs-search", "payments-mcp");
        assertThat(registry().get(new EndpointId("docs-search")).orElseThrow().enabled()).isFalse();
        Map<String, Object> docs = byId(endpoints(api.parse(api.request("list-clients.json").send().body())), "docs-search");
        assertThat(docs).containsEntry("enabled", false).containsEntry("reason", "paused");
    }

    @Test
    void checkNowProbesStoresAndReturnsTheNewView() {
        api.register(Seed.entry("payments-mcp", "url", failing.url().toString()));

        ApiHarness.Response response = api.request("check-now.json").admin().send();

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = api.parse(response.body());
        assertThat(body.get("endpoint")).asInstanceOf(MAP).containsEntry("reason", "http_error")
                .containsEntry("http_status", 500).containsEntry("status", "configured_but_unconnected");
        assertThat(list(body.get("history"))).extracting(h -> h.get("outcome")).containsExactly("http_error");
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).get()
                .satisfies(s -> assertThat(s.httpStatus()).contains(500));

        // Moved to a real MCP Java SDK server whose readiness tool fails at first: the old target's history goes.
        checkReply.set(ToolReply.error("database unreachable"));
        assertThat(api.request("put-endpoint.json").admin()
                .body("{\"url\": \"" + healthy.url() + "\", \"readiness\": {\"tool\": \"check\"}}").send().status())
                .isEqualTo(200);
        Map<String, Object> failed = api.parse(api.request("check-now.json").admin().send().body());
        assertThat(failed.get("endpoint")).asInstanceOf(MAP).containsEntry("reason", "tool_error");
        assertThat(list(failed.get("history"))).extracting(h -> h.get("outcome")).containsExactly("tool_error");

        checkReply.set(ToolReply.text("ok"));
        Map<String, Object> again = api.parse(api.request("check-now.json").admin().send().body());
        assertThat(again.get("endpoint")).asInstanceOf(MAP).containsEntry("status", "connected")
                .containsEntry("reason", "ok").containsEntry("tools_count", 5);
        assertThat(list(again.get("history"))).extracting(h -> h.get("outcome")).containsExactly("ok", "tool_error");
        assertThat(snapshots().history(new EndpointId("payments-mcp"), 10)).hasSize(2);
    }

    @Test
    void checkNowOfAnUnknownEndpointIs404AndProbesNothing() {
        api.register(Seed.entry("payments-mcp", "url", healthy.url().toString(),
                "readiness", Map.of("tool", CountingReadinessTool.NAME)));
        int readinessCallsBefore = readiness.calls();

        ApiHarness.Response response = api.request("check-now.json").admin().path("/api/mcp/clients/ghost/check").send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(readiness.calls()).isEqualTo(readinessCallsBefore);
        assertThat(registry().list()).extracting(e -> e.id().value()).containsExactly("payments-mcp");
        assertThat(snapshots().latest(new EndpointId("ghost"))).isEmpty();
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).isEmpty();
    }

    @Test
    void validateProbesOnceAndStoresNothing() {
        ApiHarness.Response rejected = api.request("validate-endpoint.json").admin()
                .body("{\"id\": \"payments-mcp\", \"url\": \"" + locked.url() + "\", \"auth\": {\"type\": \"bearer\", "
                        + "\"secret\": \"" + TestSecrets.CANARY_SECRET_ID + "\"}}").send();

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(api.parse(rejected.body())).containsEntry("valid", true).containsEntry("status", "unhealthy")
                .containsEntry("reason", "auth_rejected").containsEntry("http_status", 401)
                .containsEntry("failed_step", "discover");
        assertNothingStored();

        int readinessCallsBefore = readiness.calls();
        ApiHarness.Response healthyAnswer = api.request("validate-endpoint.json").admin()
                .body("{\"id\": \"payments-mcp\", \"url\": \"" + healthy.url() + "\", \"readiness\": {\"tool\": \""
                        + CountingReadinessTool.NAME + "\"}}").send();

        assertThat(healthyAnswer.status()).isEqualTo(200);
        assertThat(api.parse(healthyAnswer.body())).containsEntry("valid", true).containsEntry("status", "connected")
                .containsEntry("reason", "ok");
        assertThat(readiness.calls()).as("probed exactly once").isEqualTo(readinessCallsBefore + 1);
        assertNothingStored();
    }

    @Test
    void validateReportsAMissingSecretWithoutDialling() {
        int readinessCallsBefore = readiness.calls();

        // The server needs no token: had the probe dialled without the missing secret, it would have succeeded.
        ApiHarness.Response response = api.request("validate-endpoint.json").admin()
                .body("{\"id\": \"payments-mcp\", \"url\": \"" + healthy.url() + "\", \"auth\": {\"type\": \"bearer\", "
                        + "\"secret\": \"mcpulse/payments/token\"}, \"readiness\": {\"tool\": \"" + CountingReadinessTool.NAME
                        + "\"}}").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.parse(response.body())).containsEntry("status", "unhealthy").containsEntry("reason", "auth_missing");
        assertThat(readiness.calls()).isEqualTo(readinessCallsBefore);
        assertNothingStored();
    }

    /** An OAuth entry gets the same validation on every write route: each field problem listed, nothing stored. */
    @Test
    void aBadOAuthEntryIsRefusedAlikeByPutImportAndValidate() {
        String entry = "{\"id\": \"payments-mcp\", \"url\": \"https://mcp.payments.example.com/mcp\", \"auth\": "
                + "{\"type\": \"oauth-client-credentials\", \"secret\": \"mcpulse/payments/client\", "
                + "\"tokenEndpointAuth\": \"tls_client_auth\", \"authorizationServer\": \"ftp://as.example.com\"}}";
        List<ApiHarness.Response> answers = List.of(
                api.request("put-endpoint.json").admin().body(entry).send(),
                api.request("import-fleet-json.json").admin().contentType("application/json").body("[" + entry + "]").send(),
                api.request("validate-endpoint.json").admin().body(entry).send());

        for (ApiHarness.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("auth.clientId", "auth.tokenEndpointAuth", "auth.authorizationServer");
        }
        assertNothingStored();
    }

    private static void assertNothingStored() {
        assertThat(registry().list()).isEmpty();
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).isEmpty();
        assertThat(snapshots().history(new EndpointId("payments-mcp"), 5)).isEmpty();
    }

    private static EndpointRegistry registry() {
        return api.bean(EndpointRegistry.class);
    }

    private static SnapshotStore snapshots() {
        return api.bean(SnapshotStore.class);
    }
}
