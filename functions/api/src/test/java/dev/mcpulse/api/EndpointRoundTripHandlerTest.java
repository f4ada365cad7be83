package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One naming for an endpoint's definition across the fleet file, PUT and the payload: an entry read with GET is
 * written back with PUT (or imported as a fleet file) unchanged, and reads the same again. Every optional field is
 * set in one entry or another, so a field that GET names or shapes differently from PUT fails here.
 */
class EndpointRoundTripHandlerTest {

    /** The definition's keys: those of a fleet file entry and of a PUT body, and the first keys of GET's endpoint. */
    static final List<String> DEFINITION_KEYS = List.of(
            "id", "name", "labels", "url", "transport", "enabled", "auth", "timeoutMs", "readiness", "intervalSeconds");

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(Map.of("mcpulse.probe.interval.seconds", "300"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void clean() {
        api.clearFleet();
    }

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of("rt-bearer", """
                        {"name": "Round trip (bearer)", "labels": {"team": "payments", "env": "prod"},
                         "url": "https://mcp.payments.example.com/mcp", "transport": "streamable-http", "enabled": false,
                         "auth": {"type": "bearer", "secret": "mcpulse/rt/token", "key": "token"}, "timeoutMs": 7000,
                         "readiness": {"tool": "get_balance", "arguments": {"account": "health-check", "limit": 3,
                             "strict": true, "ratio": 0.5, "tags": ["a", "b"], "filter": {"since": "2026-01-01", "depth": 2}}},
                         "intervalSeconds": 900}"""),
                Arguments.of("rt-header", """
                        {"name": "Round trip (header)", "labels": {"team": "docs"}, "url": "https://docs.example.com/sse",
                         "transport": "sse", "enabled": true,
                         "auth": {"type": "header", "name": "X-Api-Key", "secret": "mcpulse/rt/api", "key": "apiKey"},
                         "timeoutMs": 1500, "readiness": {"tool": "ping", "arguments": {}}, "intervalSeconds": 3600}"""),
                Arguments.of("rt-header-plain", """
                        {"url": "https://plain.example.com/mcp",
                         "auth": {"type": "header", "name": "Api-Token", "secret": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mcpulse/rt-AbCdEf"},
                         "readiness": {"tool": "ready"}}"""),
                Arguments.of("rt-oauth-jwt", """
                        {"url": "https://billing.example.com/mcp",
                         "auth": {"type": "oauth-client-credentials", "clientId": "mcpulse-probe",
                                  "secret": "mcpulse/rt/billing-key", "scope": "mcp:tools mcp:read",
                                  "tokenEndpointAuth": "private_key_jwt", "signingAlg": "ES256",
                                  "authorizationServer": "https://login.example.com/tenant"}}"""),
                Arguments.of("rt-oauth-secret", """
                        {"url": "https://crm.example.com/mcp",
                         "auth": {"type": "oauth-client-credentials", "clientId": "probe", "secret": "mcpulse/rt/crm",
                                  "key": "clientSecret"}}"""),
                Arguments.of("rt-oauth-discovery", """
                        {"url": "https://public.example.com/mcp", "auth": {"type": "oauth-discovery"}}"""),
                Arguments.of("rt-minimal", """
                        {"url": "https://minimal.example.com/mcp"}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void aDefinitionReadWithGetIsPutBackUnchangedAndReadsTheSame(String id, String body) {
        // GIVEN an entry written with PUT
        ApiHarness.Response created = put(id, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, Object> written = api.parse(body);

        // WHEN it is read back with GET
        Map<String, Object> first = definition(read(id));

        // THEN every field written reads as it was written, under the same name
        assertThat(first).containsAllEntriesOf(withoutAuthAndReadiness(written));
        if (written.containsKey("auth")) {
            assertThat(map(first.get("auth"))).containsAllEntriesOf(map(written.get("auth")));
        }
        if (written.containsKey("readiness")) {
            assertThat(map(first.get("readiness"))).containsEntry("tool", map(written.get("readiness")).get("tool"))
                    .containsEntry("arguments", map(written.get("readiness")).getOrDefault("arguments", Map.of()));
        }
        assertThat(definition(api.parse(created.body()))).as("PUT's own answer").isEqualTo(first);

        // AND the definition PUT back unchanged (nulls and all) is accepted and reads the same
        ApiHarness.Response replaced = put(id, JsonText.of(first));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(definition(read(id))).isEqualTo(first);
    }

    @Test
    void definitionsReadWithGetImportAsAFleetFileUnchanged() {
        List<String> ids = entries().map(a -> (String) a.get()[0]).toList();
        entries().forEach(a -> assertThat(put((String) a.get()[0], (String) a.get()[1]).status()).isEqualTo(201));
        List<Map<String, Object>> read = ids.stream().map(id -> definition(read(id))).toList();

        ApiHarness.Response imported = api.request("import-fleet-json.json").admin()
                .body(JsonText.of(Map.of("endpoints", read))).send();

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(api.parse(imported.body())).containsEntry("replaced", ids);
        assertThat(ids.stream().map(id -> definition(read(id))).toList()).isEqualTo(read);
    }

    @Test
    void aMinimalEntryShowsEveryDefaultUnderItsFleetFileName() {
        put("rt-defaults", "{\"url\": \"https://defaults.example.com/mcp\"}");

        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "none");
        auth.put("secret", null);
        auth.put("key", null);
        auth.put("name", null);
        for (String oauth : List.of("clientId", "scope", "tokenEndpointAuth", "signingAlg", "authorizationServer")) {
            auth.put(oauth, null);
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "rt-defaults");
        expected.put("name", "rt-defaults");
        expected.put("labels", Map.of());
        expected.put("url", "https://defaults.example.com/mcp");
        expected.put("transport", "auto");
        expected.put("enabled", true);
        expected.put("auth", auth);
        expected.put("timeoutMs", 10000);
        expected.put("readiness", null);
        expected.put("intervalSeconds", null);
        assertThat(definition(read("rt-defaults"))).isEqualTo(expected);
    }

    private static ApiHarness.Response put(String id, String body) {
        return api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/" + id).body(body).send();
    }

    private static Map<String, Object> read(String id) {
        ApiHarness.Response response = api.request("get-client.json").path("/api/mcp/clients/" + id).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return map(api.parse(response.body()).get("endpoint"));
    }

    /** The definition's keys of a GET's endpoint, in order; every one of them must be there. */
    private static Map<String, Object> definition(Map<String, Object> endpoint) {
        assertThat(endpoint).containsKeys(DEFINITION_KEYS.toArray(String[]::new));
        Map<String, Object> definition = new LinkedHashMap<>();
        DEFINITION_KEYS.forEach(key -> definition.put(key, endpoint.get(key)));
        return definition;
    }

    private static Map<String, Object> withoutAuthAndReadiness(Map<String, Object> entry) {
        Map<String, Object> rest = new LinkedHashMap<>(entry);
        rest.remove("auth");
        rest.remove("readiness");
        return rest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
