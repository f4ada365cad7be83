package dev.mcpulse.api;

import static dev.mcpulse.api.ApiHarness.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind, each sent through the real Lambda entry with a valid admin token: every one is a 4xx
 * JSON error with a code, a message and the field at fault; none is a 5xx or carries a stack trace; and the registry,
 * the snapshots and the real MCP server behind the entry are untouched afterwards.
 */
class MalformedRequestsHandlerTest {

    private static final String VALID = "{\"url\": \"https://mcp.payments.example.com/mcp\"}";

    private static final CountingReadinessTool readiness = new CountingReadinessTool();
    private static RunningServer server;
    private static ApiHarness api;
    private static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        server = JavaSdkServers.builder("payments", "1.0.0").standardTools().tool(readiness.tool()).start();
        api = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
        logs.close();
        server.close();
    }

    /** payments-mcp is a real server whose readiness tool counts calls: a probe would show up there. */
    @BeforeEach
    void fleet() {
        api.clearFleet();
        api.register(Seed.entry("payments-mcp", "name", "Payments MCP", "url", server.url().toString(),
                "readiness", Map.of("tool", CountingReadinessTool.NAME)));
        new Seed(api).checked("payments-mcp", Seed.healthy(3), Duration.ofSeconds(5));
    }

    /** One malformed request: the fixture it starts from, what is broken, and the answer expected. */
    record Case(String name, String fixture, UnaryOperator<ApiHarness.Request> change, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> malformed() {
        return Stream.of(
                // PUT bodies: syntax, types, values
                put("JSON cut off mid-object", "{\"url\": \"https://x.example.com/mcp\", \"name\": ", 400, "body"),
                put("trailing garbage after the object", VALID + " {}", 400, "body"),
                put("a JSON array instead of an object", "[" + VALID + "]", 400, "(entry)"),
                put("a JSON string instead of an object", "\"https://x.example.com/mcp\"", 400, "(entry)"),
                put("timeoutMs as text", "{\"url\": \"https://x.example.com/mcp\", \"timeoutMs\": \"fast\"}", 400, "timeoutMs"),
                put("timeoutMs as a fraction", "{\"url\": \"https://x.example.com/mcp\", \"timeoutMs\": 5000.5}", 400, "timeoutMs"),
                put("timeoutMs with 200 digits", "{\"url\": \"https://x.example.com/mcp\", \"timeoutMs\": " + repeat("9", 200) + "}", 400, "body"),
                put("enabled as text", "{\"url\": \"https://x.example.com/mcp\", \"enabled\": \"yes\"}", 400, "enabled"),
                put("labels as a list", "{\"url\": \"https://x.example.com/mcp\", \"labels\": [\"team=payments\"]}", 400, "labels"),
                put("a label value with a control character", "{\"url\": \"https://x.example.com/mcp\", \"labels\": {\"team\": \"pay\\u0000ments\"}}", 400, "labels.team"),
                put("no url", "{\"name\": \"Payments\"}", 400, "url"),
                put("url to the instance metadata service", "{\"url\": \"http://169.254.169.254/latest/meta-data/\"}", 400, "url"),
                put("url with another scheme", "{\"url\": \"ftp://files.example.com/mcp\"}", 400, "url"),
                put("url with credentials in it", "{\"url\": \"https://admin:hunter2@x.example.com/mcp\"}", 400, "url"),
                put("a 10 000-character name", "{\"url\": \"https://x.example.com/mcp\", \"name\": \"" + repeat("n", 10_000) + "\"}", 400, "name"),
                put("a body over the 64 KiB entry limit", "{\"url\": \"https://x.example.com/mcp\", \"name\": \"" + repeat("n", 70_000) + "\"}", 413, "body"),
                put("an unknown field", "{\"url\": \"https://x.example.com/mcp\", \"token\": \"abc\"}", 400, "token"),
                put("a pasted credential as the secret reference", "{\"url\": \"https://x.example.com/mcp\", \"auth\": {\"type\": \"bearer\", \"secret\": \"sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx\"}}", 400, "auth.secret"),
                put("an auth type that does not exist", "{\"url\": \"https://x.example.com/mcp\", \"auth\": {\"type\": \"basic\", \"secret\": \"mcpulse/x\"}}", 400, "auth.type"),
                put("a header name with a space", "{\"url\": \"https://x.example.com/mcp\", \"auth\": {\"type\": \"header\", \"name\": \"X Api Key\", \"secret\": \"mcpulse/x\"}}", 400, "auth.name"),
                put("a transport that does not exist", "{\"url\": \"https://x.example.com/mcp\", \"transport\": \"websocket\"}", 400, "transport"),
                put("a readiness tool name with spaces", "{\"url\": \"https://x.example.com/mcp\", \"readiness\": {\"tool\": \"drop table\"}}", 400, "readiness.tool"),
                put("a duplicate key", "{\"url\": \"https://x.example.com/mcp\", \"url\": \"https://y.example.com/mcp\"}", 400, "url"),
                put("JSON nested 100 levels deep", "{\"url\": \"https://x.example.com/mcp\", \"readiness\": {\"tool\": \"t\", \"arguments\": {\"a\": " + repeat("[", 100) + repeat("]", 100) + "}}}", 400, "body"),
                put("a body id that differs from the path", "{\"id\": \"other-endpoint\", \"url\": \"https://x.example.com/mcp\"}", 400, "id"),
                put("an empty body", "", 400, "body"),
                new Case("a text/plain body", "put-endpoint.json", r -> r.contentType("text/plain").body(VALID), 415, null),
                new Case("no Content-Type", "put-endpoint.json", r -> r.contentType(null).body(VALID), 415, null),
                // ids in paths
                path("an id with a Cyrillic look-alike letter", "/api/mcp/endpoints/p\u0430yments-mcp", 400, "id"),
                path("an id with a zero-width space", "/api/mcp/endpoints/payments\u200B-mcp", 400, "id"),
                path("an uppercase id", "/api/mcp/endpoints/Payments-MCP", 400, "id"),
                path("an id of 64 characters", "/api/mcp/endpoints/" + repeat("a", 64), 400, "id"),
                path("an encoded path traversal", "/api/mcp/endpoints/..%2F..%2Fetc%2Fpasswd", 400, "id"),
                new Case("a dot-dot id on the read route", "get-client.json", r -> r.path("/api/mcp/clients/.."), 400, "id"),
                // fleet files
                new Case("an import with a duplicate id", "import-fleet-yaml.json", r -> r.contentType("application/yaml").body(
                        "- {id: payments-mcp, url: 'https://a.example.com/mcp'}\n- {id: payments-mcp, url: 'https://b.example.com/mcp'}\n"),
                        400, "id"),
                new Case("invalid YAML", "import-fleet-yaml.json", r -> r.contentType("application/yaml").body(
                        "endpoints:\n  - id: a\n    url: [unclosed\n"), 400, "(file)"),
                new Case("a YAML document that is not a list", "import-fleet-yaml.json", r -> r.contentType("application/yaml")
                        .body("just some text"), 400, "(file)"),
                new Case("an import over the 2 MiB limit", "import-fleet-yaml.json", r -> r.contentType("application/yaml")
                        .body("# " + repeat("x", FleetFile.MAX_BYTES) + "\n[]"), 413, "body"),
                new Case("an import as text/html", "import-fleet-yaml.json", r -> r.contentType("text/html").body("<p>hi</p>"), 415, null),
                new Case("malformed JSON fleet", "import-fleet-json.json", r -> r.body("[{\"id\": \"a\", }]"), 400, "body"),
                // query parameters
                new Case("an unknown status filter", "list-clients.json", r -> r.query("status", "healthy"), 400, "status"),
                new Case("a label filter without a colon", "list-clients.json", r -> r.query("label", "team=payments"), 400, "label"),
                new Case("a history limit that is not a number", "get-client.json", r -> r.query("history", "all"), 400, "history"),
                new Case("a history limit of zero", "get-client.json", r -> r.query("history", "0"), 400, "history"),
                // validate-before-save takes the same entries
                new Case("validate without an id", "validate-endpoint.json", r -> r.body(VALID), 400, "id"),
                // routes and methods
                new Case("an unknown route", "list-clients.json", r -> r.path("/api/mcp/nothing-here"), 404, null),
                new Case("an unknown endpoint id", "get-client.json", r -> r.path("/api/mcp/clients/no-such-endpoint"), 404, "id"),
                new Case("PATCH on the registry", "put-endpoint.json", r -> r.method("PATCH").body(VALID), 405, null));
    }

    private static Case put(String name, String body, int status, String field) {
        return new Case(name, "put-endpoint.json", r -> r.body(body), status, field);
    }

    private static Case path(String name, String path, int status, String field) {
        return new Case(name, "put-endpoint.json", r -> r.path(path).body(VALID), status, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRefusedWithAClearJsonErrorAndChangesNothing(Case bad) {
        var registryBefore = api.registryContents();
        var snapshotBefore = api.bean(SnapshotStore.class).latest(new EndpointId("payments-mcp"));
        int readinessCallsBefore = readiness.calls();

        ApiHarness.Response response = bad.change().apply(api.request(bad.fixture()).admin()).send();

        assertThat(response.status()).as("status").isEqualTo(bad.status());
        assertThat(response.header("content-type")).startsWith("application/json");
        Map<String, Object> error = api.parse(response.body());
        assertThat(error).containsKeys("error", "message");
        assertThat((String) error.get("message")).isNotBlank().hasSizeLessThan(600);
        if (bad.field() != null) {
            assertThat(error).containsEntry("field", bad.field());
        }
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "dev.mcpulse", "io.micronaut",
                "hunter2", "sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx");
        assertThat(api.registryContents()).isEqualTo(registryBefore);
        assertThat(api.bean(SnapshotStore.class).latest(new EndpointId("payments-mcp"))).isEqualTo(snapshotBefore);
        assertThat(api.bean(SnapshotStore.class).history(new EndpointId("payments-mcp"), 5)).hasSize(1);
        assertThat(readiness.calls()).as("readiness calls on the real server").isEqualTo(readinessCallsBefore);
    }

    @Test
    void aFleetFileWithSeveralBadEntriesListsEveryProblemWithItsEntryAndId() {
        ApiHarness.Response response = api.request("import-fleet-yaml.json").admin().contentType("application/yaml").body("""
                - id: good-one
                  url: https://good.example.com/mcp
                - id: Bad Id
                  url: https://bad.example.com/mcp
                - id: no-url
                - id: slow-one
                  url: https://slow.example.com/mcp
                  timeoutMs: 90000
                """).send();

        assertThat(response.status()).isEqualTo(400);
        Map<String, Object> error = api.parse(response.body());
        assertThat(error).containsEntry("error", "invalid_fleet_file")
                .containsEntry("message", "the fleet file has 3 problems; nothing was imported");
        List<Map<String, Object>> problems = ReadRoutesHandlerTest.list(error.get("errors"));
        assertThat(problems).extracting(p -> p.get("entry"), p -> p.get("field"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "id"), org.assertj.core.groups.Tuple.tuple(3, "url"),
                        org.assertj.core.groups.Tuple.tuple(4, "timeoutMs"));
        assertThat(problems.get(1)).containsEntry("id", "no-url");
        assertThat((String) problems.get(2).get("message")).contains("entry #4", "slow-one", "30000");
        assertThat(api.registryContents()).extracting(e -> e.id().value()).containsExactly("payments-mcp");
    }

    @Test
    void anEntryWithSeveralBadFieldsListsThemAll() {
        ApiHarness.Response response = api.request("put-endpoint.json").admin()
                .body("{\"url\": \"gopher://x\", \"timeoutMs\": -1, \"enabled\": 1}").send();

        assertThat(response.status()).isEqualTo(400);
        Map<String, Object> error = api.parse(response.body());
        assertThat(error).containsEntry("error", "invalid_endpoint").containsEntry("field", "url");
        assertThat(ReadRoutesHandlerTest.list(error.get("errors"))).extracting(p -> p.get("field"))
                .containsExactlyInAnyOrder("url", "timeoutMs", "enabled");
    }

    @Test
    void noBadRequestLeftAStackTraceInTheLogs() {
        malformed().forEach(bad -> bad.change().apply(api.request(bad.fixture()).admin()).send());

        assertThat(logs.lines()).noneMatch(line -> line.contains("\"level\":\"ERROR\""))
                .noneMatch(line -> line.contains("hunter2") || line.contains("sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx"));
    }
}
