package dev.mcpulse.api;

import static dev.mcpulse.api.Seed.failed;
import static dev.mcpulse.api.Seed.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.port.CycleLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read routes through the real Lambda entry: list, filters, summary, scheduler freshness, detail, history. */
class ReadRoutesHandlerTest {

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
    void fleet() {
        api.clearFleet();
        seed = new Seed(api);
        // GIVEN a fleet with one endpoint per status row that matters on the first screen
        api.register(Seed.entry("payments-mcp", "name", "Payments MCP", "labels", Map.of("team", "payments", "env", "prod")));
        api.register(Seed.entry("docs-search", "labels", Map.of("team", "platform", "env", "prod")));
        api.register(Seed.entry("crm-mcp", "labels", Map.of("team", "sales", "env", "staging"),
                "auth", Map.of("type", "bearer", "secret", "mcpulse/crm/token")));
        api.register(Seed.entry("legacy-tools", "labels", Map.of("team", "platform", "env", "staging")));
        api.register(Seed.entry("new-one"));
        seed.checked("payments-mcp", healthy(4), Duration.ofSeconds(40));
        seed.checked("docs-search", failed(new ProbeOutcome.Timeout(ProbeStep.TOOLS_LIST, Duration.ofSeconds(10))),
                Duration.ofSeconds(20));
        seed.checked("crm-mcp", failed(new ProbeOutcome.AuthRejected(ProbeStep.INITIALIZE, 401,
                Optional.of("Bearer"), Optional.of("invalid_token"))), Duration.ofSeconds(30));
        seed.checked("legacy-tools", healthy(2), Duration.ofHours(2));
    }

    /**
     * Header limits belong to what parses HTTP: API Gateway refuses an oversize request head before it invokes the
     * function (the local runner answers 431 itself, OversizeRequestIT). An event that arrives is served whatever its
     * header sizes, and is never answered "the request body is too large".
     */
    @Test
    void anEventWithASeventyKilobyteHeaderIsServedNotCalledATooLargeBody() {
        ApiHarness.Response response = api.request("list-clients.json").header("x-padding", "a".repeat(70 * 1024)).send();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(endpoints(api.parse(response.body()))).hasSize(5);
    }

    @Test
    void listsEveryEndpointWithDerivedStatusAndSummary() {
        ApiHarness.Response response = api.request("list-clients.json").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        Map<String, Object> body = api.parse(response.body());
        List<Map<String, Object>> endpoints = endpoints(body);
        assertThat(endpoints).extracting(e -> e.get("id"))
                .containsExactly("crm-mcp", "docs-search", "legacy-tools", "new-one", "payments-mcp");
        assertThat(byId(endpoints, "payments-mcp")).containsEntry("status", "connected").containsEntry("reason", "ok")
                .containsEntry("connected", true).containsEntry("tools_count", 4).containsEntry("era", "modern")
                .containsEntry("protocol_version", "2026-07-28").containsEntry("name", "Payments MCP")
                .containsEntry("server", Map.of("name", "test-server", "version", "1.4.2"));
        assertThat(byId(endpoints, "docs-search")).containsEntry("status", "configured_but_unconnected")
                .containsEntry("reason", "timeout").containsEntry("failed_step", "tools_list")
                .containsEntry("consecutive_failures", 1);
        assertThat((String) byId(endpoints, "docs-search").get("last_error")).contains("tools_list");
        assertThat(byId(endpoints, "crm-mcp")).containsEntry("status", "unhealthy").containsEntry("reason", "auth_rejected")
                .containsEntry("http_status", 401).containsEntry("consecutive_auth_failures", 1)
                .containsEntry("auth", nullable("type", "bearer", "secret", "mcpulse/crm/token", "key", null, "name", null,
                        "clientId", null, "scope", null, "tokenEndpointAuth", null, "signingAlg", null, "authorizationServer", null));
        assertThat(byId(endpoints, "legacy-tools")).containsEntry("status", "configured_but_unconnected")
                .containsEntry("reason", "stale");
        assertThat(byId(endpoints, "new-one")).containsEntry("status", "configured_but_unconnected")
                .containsEntry("reason", "never_checked").containsEntry("last_check_at", null);

        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) body.get("summary");
        assertThat(summary).containsEntry("total", 5).containsEntry("stale", 1)
                .containsEntry("by_status", Map.of("connected", 1, "configured_but_unconnected", 3, "unhealthy", 1));
    }

    @Test
    void filtersByStatus() {
        for (var expected : Map.of(
                "connected", List.of("payments-mcp"),
                "unhealthy", List.of("crm-mcp"),
                "configured_but_unconnected", List.of("docs-search", "legacy-tools", "new-one")).entrySet()) {
            ApiHarness.Response response = api.request("list-clients.json").query("status", expected.getKey()).send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(endpoints(api.parse(response.body()))).extracting(e -> e.get("id"))
                    .containsExactlyElementsOf(expected.getValue());
        }
    }

    @Test
    void filtersByOneLabelAndByEveryGivenLabel() {
        assertThat(ids(api.request("list-clients.json").query("label", "team:platform").send()))
                .containsExactly("docs-search", "legacy-tools");
        assertThat(ids(api.request("list-clients.json").query("label", "team:platform", "label", "env:staging").send()))
                .containsExactly("legacy-tools");
        assertThat(ids(api.request("list-clients.json").query("label", "team:nobody").send())).isEmpty();
    }

    /**
     * For a large fleet, while the scheduler is on time, the summary is the one item its last cycle stored, not a
     * read of the fleet (here the count says 42,000: the table holds five).
     */
    @Test
    void aLargeFleetsSummaryIsWhatTheLastCycleCountedNotARead() {
        Instant countedAt = Instant.now().minusSeconds(10);
        api.bean(CycleLog.class).record(new CycleRecord(countedAt, 40_000, 40_000, 0, 1_600, Optional.of(new FleetCounts(
                42_000, Map.of(Status.CONNECTED, 30_000, Status.UNHEALTHY, 2_000, Status.CONFIGURED_BUT_UNCONNECTED, 10_000),
                4_000))));

        Map<String, Object> body = api.parse(api.request("list-clients.json").query("status", "unhealthy").send().body());

        assertThat(endpoints(body)).extracting(e -> e.get("id")).containsExactly("crm-mcp");
        assertThat(body.get("summary")).isEqualTo(Map.of("total", 42_000, "stale", 4_000, "counted_at", countedAt.toString(),
                "by_status", Map.of("connected", 30_000, "configured_but_unconnected", 10_000, "unhealthy", 2_000)));
    }

    @Test
    void filterFixtureCombinesStatusAndLabelsAsApiGatewaySendsThem() {
        ApiHarness.Response response = api.request("list-clients-filtered.json").send();

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = api.parse(response.body());
        assertThat(endpoints(body)).extracting(e -> e.get("id")).containsExactly("payments-mcp");
        // the summary is the whole fleet's, whatever the filters
        assertThat(body.get("summary")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("total", 5).containsEntry("stale", 1)
                .containsEntry("by_status", Map.of("connected", 1, "configured_but_unconnected", 3, "unhealthy", 1));
    }

    @Test
    void schedulerIsLateWithoutARecentCycleAndFreshWithOne() {
        Map<String, Object> late = scheduler();
        if (late.get("last_cycle_at") == null) {
            assertThat(late).containsEntry("late", true).containsEntry("last_cycle", null);
        }
        seed.schedulerCycle(Duration.ofHours(1));
        assertThat(scheduler()).containsEntry("late", true).containsEntry("interval_seconds", 300);

        seed.schedulerCycle(Duration.ofSeconds(30));
        Map<String, Object> fresh = scheduler();
        assertThat(fresh).containsEntry("late", false)
                .containsEntry("last_cycle", Map.of("endpoints_enabled", 4, "endpoints_due", 3,
                        "skipped_in_backoff", 1, "shards_dispatched", 1));
        assertThat((String) fresh.get("last_cycle_at")).endsWith("Z");
    }

    @Test
    void detailHasTheEndpointItsHistoryNewestFirstAndUptime() {
        seed.checked("payments-mcp", failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "connection refused")),
                Duration.ofSeconds(35));
        seed.checked("payments-mcp", healthy(4), Duration.ofSeconds(30));

        ApiHarness.Response response = api.request("get-client.json").send();

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = api.parse(response.body());
        assertThat(body).containsOnlyKeys("endpoint", "history", "history_continues", "uptime");
        assertThat(body.get("history_continues")).isEqualTo(false);
        assertThat(body.get("endpoint")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("id", "payments-mcp").containsEntry("status", "connected");
        List<Map<String, Object>> history = list(body.get("history"));
        assertThat(history).extracting(h -> h.get("outcome")).containsExactly("ok", "unreachable", "ok");
        assertThat(history.getFirst()).containsOnlyKeys("checked_at", "outcome", "ok", "http_status", "latency_ms")
                .containsEntry("ok", true).containsEntry("latency_ms", 23);
        assertThat(body.get("uptime")).isEqualTo(Map.of("checks", 3, "ok", 2, "percent", 66.7));
    }

    @Test
    void detailHistoryIsLimitedByTheHistoryParameter() {
        seed.checked("payments-mcp", healthy(4), Duration.ofSeconds(30));
        seed.checked("payments-mcp", healthy(4), Duration.ofSeconds(20));

        ApiHarness.Response response = api.request("get-client.json").query("history", "2").send();

        assertThat(list(api.parse(response.body()).get("history"))).hasSize(2);
    }

    /**
     * A chart asks for the checks after the newest it holds: only those come, to add to it; once the check it names
     * is gone from the history (here: never made), the recent history comes whole, to replace it.
     */
    @Test
    void detailAfterACheckHasOnlyTheChecksSinceWhileThatCheckIsStillInTheHistory() {
        seed.checked("payments-mcp", healthy(4), Duration.ofSeconds(30));
        seed.checked("payments-mcp", failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "connection refused")),
                Duration.ofSeconds(20));
        List<Map<String, Object>> whole = list(api.parse(api.request("get-client.json").send().body()).get("history"));
        String held = (String) whole.get(1).get("checked_at");

        Map<String, Object> since = api.parse(api.request("get-client.json").query("history_after", held).send().body());

        assertThat(since.get("history_continues")).isEqualTo(true);
        assertThat(list(since.get("history"))).containsExactly(whole.getFirst());
        assertThat(since.get("uptime")).isEqualTo(Map.of("checks", 1, "ok", 0, "percent", 0.0));

        Map<String, Object> restarted = api.parse(api.request("get-client.json")
                .query("history_after", "2020-01-01T00:00:00Z").send().body());
        assertThat(restarted.get("history_continues")).isEqualTo(false);
        assertThat(list(restarted.get("history"))).isEqualTo(whole);
    }

    @Test
    void aHistoryAfterThatIsNoInstantIs400NamingIt() {
        ApiHarness.Response response = api.request("get-client.json").query("history_after", "yesterday").send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(api.parse(response.body())).containsEntry("error", "invalid_parameter")
                .containsEntry("field", "history_after").containsEntry("message",
                        "history_after \"yesterday\" is not an instant such as 2026-12-05T08:00:03.120Z (a check's checked_at)");
    }

    @Test
    void unknownEndpointIs404WithTheId() {
        ApiHarness.Response response = api.request("get-client.json").path("/api/mcp/clients/no-such-endpoint").send();

        assertThat(response.status()).isEqualTo(404);
        assertThat(api.parse(response.body())).containsEntry("error", "not_found").containsEntry("field", "id")
                .containsEntry("message", "no endpoint with id \"no-such-endpoint\"");
    }

    private Map<String, Object> scheduler() {
        @SuppressWarnings("unchecked")
        Map<String, Object> scheduler = (Map<String, Object>) api.parse(api.request("list-clients.json").send().body())
                .get("scheduler");
        return scheduler;
    }

    private List<String> ids(ApiHarness.Response response) {
        assertThat(response.status()).isEqualTo(200);
        return endpoints(api.parse(response.body())).stream().map(e -> (String) e.get("id")).toList();
    }

    static List<Map<String, Object>> endpoints(Map<String, Object> body) {
        return list(body.get("endpoints"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    static Map<String, Object> nullable(Object... keyValues) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static Map<String, Object> byId(List<Map<String, Object>> endpoints, String id) {
        return endpoints.stream().filter(e -> id.equals(e.get("id"))).findFirst().orElseThrow();
    }
}
