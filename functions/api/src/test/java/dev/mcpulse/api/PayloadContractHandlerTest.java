package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The field names are a contract (DESIGN section 6): these exact key sets, on every route that returns them, whether
 * or not the endpoint was ever checked. Adding a key is allowed (add it here); renaming or dropping one fails.
 */
class PayloadContractHandlerTest {

    static final Set<String> ENDPOINT_KEYS = Set.of(
            // DESIGN section 6
            "id", "name", "labels", "url", "status", "reason", "connected", "tools_count", "last_check_at",
            "last_success_at", "last_error", "latency_ms", "era", "protocol_version", "server", "consecutive_failures",
            "tools_changed_at",
            // additive
            "consecutive_auth_failures", "transport", "enabled", "auth", "stale_after", "timeoutMs", "readiness", "intervalSeconds",
            "last_outcome", "failed_step", "http_status", "next_probe_after", "token_expires_at");

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        api.clearFleet();
        api.register(Seed.entry("checked-one", "auth", Map.of("type", "header", "name", "X-Api-Key",
                "secret", "mcpulse/checked", "key", "apiKey"), "readiness", Map.of("tool", "ready")));
        api.register(Seed.entry("never-checked"));
        new Seed(api).checked("checked-one", Seed.healthy(2), Duration.ofSeconds(5));
        new Seed(api).schedulerCycle(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void listPayloadKeys() {
        Map<String, Object> body = api.parse(api.request("list-clients.json").send().body());

        assertThat(body.keySet()).containsExactlyInAnyOrder("endpoints", "next", "summary", "scheduler", "generated_at");
        for (Map<String, Object> endpoint : ReadRoutesHandlerTest.endpoints(body)) {
            assertThat(endpoint.keySet()).as(endpoint.get("id").toString()).containsExactlyInAnyOrderElementsOf(ENDPOINT_KEYS);
            assertThat(map(endpoint.get("auth")).keySet()).containsExactlyInAnyOrder("type", "secret", "key", "name",
                    "clientId", "scope", "tokenEndpointAuth", "signingAlg", "authorizationServer");
        }
        assertThat(map(body.get("summary")).keySet()).containsExactlyInAnyOrder("total", "by_status", "stale", "counted_at");
        assertThat(map(map(body.get("summary")).get("by_status")).keySet())
                .containsExactlyInAnyOrder("connected", "configured_but_unconnected", "unhealthy");
        assertThat(map(body.get("scheduler")).keySet())
                .containsExactlyInAnyOrder("last_cycle_at", "late", "interval_seconds", "last_cycle");
        assertThat(map(map(body.get("scheduler")).get("last_cycle")).keySet()).containsExactlyInAnyOrder(
                "endpoints_enabled", "endpoints_due", "skipped_in_backoff", "shards_dispatched");
        Map<String, Object> checked = ReadRoutesHandlerTest.byId(ReadRoutesHandlerTest.endpoints(body), "checked-one");
        assertThat(map(checked.get("server")).keySet()).containsExactlyInAnyOrder("name", "version");
        assertThat(checked.get("auth")).isEqualTo(ReadRoutesHandlerTest.nullable("type", "header",
                "secret", "mcpulse/checked", "key", "apiKey", "name", "X-Api-Key", "clientId", null, "scope", null,
                "tokenEndpointAuth", null, "signingAlg", null, "authorizationServer", null));
        assertThat(map(checked.get("readiness")).keySet()).containsExactlyInAnyOrder("tool", "arguments");
        assertThat(ReadRoutesHandlerTest.byId(ReadRoutesHandlerTest.endpoints(body), "never-checked").get("readiness")).isNull();
    }

    @Test
    void detailPayloadKeys() {
        for (String id : List.of("checked-one", "never-checked")) {
            Map<String, Object> body = api.parse(api.request("get-client.json").path("/api/mcp/clients/" + id).send().body());

            assertThat(body.keySet()).containsExactlyInAnyOrder("endpoint", "history", "history_continues", "uptime");
            assertThat(map(body.get("endpoint")).keySet()).containsExactlyInAnyOrderElementsOf(ENDPOINT_KEYS);
            assertThat(map(body.get("uptime")).keySet()).containsExactlyInAnyOrder("checks", "ok", "percent");
        }
    }

    @Test
    void errorPayloadKeys() {
        Map<String, Object> error = api.parse(api.request("get-client.json").path("/api/mcp/clients/Not_Valid!").send().body());

        assertThat(error.keySet()).containsExactlyInAnyOrder("error", "message", "field", "errors");
        assertThat(ReadRoutesHandlerTest.list(error.get("errors")).getFirst().keySet())
                .containsExactlyInAnyOrder("field", "message");
    }

    @Test
    void theOpenApiSchemaOfAnEndpointHasExactlyTheseKeys() {
        Map<String, Object> document = new Yaml().load(api.request("openapi.json").send().body());

        Map<String, Object> schemas = map(map(document.get("components")).get("schemas"));
        assertThat(map(map(schemas.get("EndpointPayload")).get("properties")).keySet())
                .containsExactlyInAnyOrderElementsOf(ENDPOINT_KEYS);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
