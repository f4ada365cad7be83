package dev.mcpulse.api;

import static dev.mcpulse.api.ReadRoutesHandlerTest.byId;
import static dev.mcpulse.api.ReadRoutesHandlerTest.endpoints;
import static dev.mcpulse.api.ReadRoutesHandlerTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.mcpulse.api.TestPortsFactory.ScriptedProber;
import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.ProbeOutcome;
import dev.mcpulse.domain.ProbeStep;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registry admin and "check now" through the real Lambda entry, with the admin credential. */
class AdminRoutesHandlerTest {

    private static ApiHarness api;
    private Seed seed;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
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
                .containsEntry("reason", "never_checked").containsEntry("timeout_ms", 8000)
                .containsEntry("readiness_tool", "get_balance");
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
        seed.checked("payments-mcp", ScriptedProber.healthy(3), Duration.ofSeconds(10));

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
        seed.checked("payments-mcp", ScriptedProber.healthy(3), Duration.ofSeconds(10));

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
        api.register(Seed.entry("payments-mcp"));
        api.bean(ScriptedProber.class).answer("payments-mcp", ScriptedProber.failed(
                new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 502, "bad gateway")));

        ApiHarness.Response response = api.request("check-now.json").admin().send();

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = api.parse(response.body());
        assertThat(body.get("endpoint")).asInstanceOf(MAP).containsEntry("reason", "http_error")
                .containsEntry("http_status", 502).containsEntry("status", "configured_but_unconnected");
        assertThat(list(body.get("history"))).hasSize(1);
        assertThat(api.bean(ScriptedProber.class).calls()).containsExactly(new EndpointId("payments-mcp"));
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).get()
                .satisfies(s -> assertThat(s.httpStatus()).contains(502));

        api.bean(ScriptedProber.class).answer("payments-mcp", ScriptedProber.healthy(5));
        Map<String, Object> again = api.parse(api.request("check-now.json").admin().send().body());
        assertThat(again.get("endpoint")).asInstanceOf(MAP).containsEntry("status", "connected").containsEntry("tools_count", 5);
        assertThat(list(again.get("history"))).extracting(h -> h.get("outcome")).containsExactly("ok", "http_error");
    }

    @Test
    void checkNowOfAnUnknownEndpointIs404AndProbesNothing() {
        ApiHarness.Response response = api.request("check-now.json").admin().path("/api/mcp/clients/ghost/check").send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(api.bean(ScriptedProber.class).calls()).isEmpty();
    }

    @Test
    void validateProbesOnceAndStoresNothing() {
        api.bean(ScriptedProber.class).answer("payments-mcp", ScriptedProber.failed(
                new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401, Optional.of("Bearer"), Optional.empty())));

        ApiHarness.Response response = api.request("validate-endpoint.json").admin()
                .body("{\"id\": \"payments-mcp\", \"url\": \"https://mcp.payments.example.com/mcp\"}").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.parse(response.body())).containsEntry("valid", true).containsEntry("status", "unhealthy")
                .containsEntry("reason", "auth_rejected").containsEntry("http_status", 401)
                .containsEntry("failed_step", "discover");
        assertThat(registry().list()).isEmpty();
        assertThat(snapshots().latest(new EndpointId("payments-mcp"))).isEmpty();
        assertThat(snapshots().history(new EndpointId("payments-mcp"), 5)).isEmpty();
    }

    @Test
    void validateReportsAMissingSecretWithoutDialling() {
        ApiHarness.Response response = api.request("validate-endpoint.json").admin().send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(api.parse(response.body())).containsEntry("status", "unhealthy").containsEntry("reason", "auth_missing");
        assertThat(api.bean(ScriptedProber.class).calls()).isEmpty();
    }

    private static EndpointRegistry registry() {
        return api.bean(EndpointRegistry.class);
    }

    private static SnapshotStore snapshots() {
        return api.bean(SnapshotStore.class);
    }
}
