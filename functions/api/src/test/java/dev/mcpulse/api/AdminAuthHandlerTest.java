package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Admin routes refuse callers without the admin credential (and change nothing); read routes stay open; on AWS the
 * IAM principal API Gateway verified is the credential; the token never shows up in a response or a log line.
 */
class AdminAuthHandlerTest {

    private static final List<String> ADMIN_FIXTURES = List.of("check-now.json", "put-endpoint.json",
            "delete-endpoint.json", "import-fleet-yaml.json", "import-fleet-json.json", "validate-endpoint.json");

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

    /** payments-mcp is a real server: a refused check-now would otherwise have dialled it and called its tool. */
    @BeforeEach
    void fleet() {
        api.clearFleet();
        api.register(Seed.entry("payments-mcp", "url", server.url().toString(),
                "readiness", Map.of("tool", CountingReadinessTool.NAME)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"check-now.json", "put-endpoint.json", "delete-endpoint.json", "import-fleet-yaml.json",
            "import-fleet-json.json", "validate-endpoint.json"})
    void adminRouteWithoutATokenIs401AndChangesNothing(String fixture) {
        var before = api.registryContents();
        int readinessCallsBefore = readiness.calls();

        ApiHarness.Response response = api.request(fixture).noAuth().send();

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).startsWith("Bearer");
        assertThat(api.parse(response.body())).containsEntry("error", "unauthorized").containsKey("message");
        assertThat(api.registryContents()).isEqualTo(before);
        assertNothingProbed(readinessCallsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check-now.json", "put-endpoint.json", "delete-endpoint.json", "import-fleet-yaml.json",
            "import-fleet-json.json", "validate-endpoint.json"})
    void adminRouteWithAWrongTokenIs401AndChangesNothing(String fixture) {
        var before = api.registryContents();
        int readinessCallsBefore = readiness.calls();

        ApiHarness.Response response = api.request(fixture).send(); // the fixtures carry a made-up token

        assertThat(response.status()).isEqualTo(401);
        assertThat(api.parse(response.body())).containsEntry("error", "invalid_token");
        assertThat(api.registryContents()).isEqualTo(before);
        assertNothingProbed(readinessCallsBefore);
    }

    @Test
    void tokensThatDifferOnlyInLengthOrCaseAreRefused() {
        for (String wrong : List.of(ApiHarness.ADMIN_TOKEN + "x", ApiHarness.ADMIN_TOKEN.toUpperCase(),
                ApiHarness.ADMIN_TOKEN.substring(1), "", "Basic " + ApiHarness.ADMIN_TOKEN)) {
            assertThat(api.request("delete-endpoint.json").header("authorization", "Bearer " + wrong).send().status())
                    .as("token variant %s", wrong.length()).isEqualTo(401);
        }
        assertThat(api.registryContents()).hasSize(1);
    }

    /**
     * The admin routes are not a list kept by hand: every route of {@link ApiRoutes} that is {@link Access#ADMIN}
     * is refused without the token, and those routes are exactly the operations the OpenAPI document marks with the
     * admin security requirement — the marks SamTemplateContractTest turns into "IAM auth on these, and only these".
     */
    @Test
    void everyAdminOnlyRouteIsRefusedWithoutATokenAndIsTheOneTheOpenApiDocumentSecures() {
        Set<String> adminOnly = new TreeSet<>();
        api.bean(ApiRoutes.class).all().stream()
                .filter(route -> route.access() == Access.ADMIN)
                .forEach(route -> adminOnly.add(route.method() + " " + route.template()));
        Set<String> secured = new TreeSet<>();
        Map<String, Object> document = new Yaml().load(api.request("openapi.json").send().body());
        PayloadContractHandlerTest.map(document.get("paths")).forEach((path, operations) ->
                PayloadContractHandlerTest.map(operations).forEach((method, operation) -> {
                    if (PayloadContractHandlerTest.map(operation).containsKey("security")) {
                        secured.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
                    }
                }));
        int readinessCallsBefore = readiness.calls();
        var before = api.registryContents();

        assertThat(adminOnly).as("admin routes").isEqualTo(secured).hasSizeGreaterThanOrEqualTo(5);
        for (String route : adminOnly) {
            String[] methodAndPath = route.split(" ", 2);
            ApiHarness.Response response = api.request("put-endpoint.json").noAuth().method(methodAndPath[0])
                    .path(methodAndPath[1].replace("{id}", "payments-mcp")).send();
            assertThat(response.status()).as(route).isEqualTo(401);
        }
        assertThat(api.registryContents()).isEqualTo(before);
        assertNothingProbed(readinessCallsBefore);
    }

    @Test
    void readRoutesNeedNoCredential() {
        assertThat(api.request("list-clients.json").noAuth().send().status()).isEqualTo(200);
        assertThat(api.request("get-client.json").noAuth().send().status()).isEqualTo(200);
        assertThat(api.request("dashboard.json").noAuth().send().status()).isEqualTo(200);
        assertThat(api.request("openapi.json").noAuth().send().status()).isEqualTo(200);
    }

    @Test
    void theTokenNeverAppearsInAResponseOrALogLine() {
        int readinessCallsBefore = readiness.calls();
        for (String fixture : ADMIN_FIXTURES) {
            assertThat(String.valueOf(api.request(fixture).send().body())).doesNotContain(ApiHarness.ADMIN_TOKEN);
            assertThat(String.valueOf(api.request(fixture).admin().send().body())).doesNotContain(ApiHarness.ADMIN_TOKEN);
        }
        assertThat(readiness.calls()).as("the admin check-now dialled the real server").isEqualTo(readinessCallsBefore + 1);
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(ApiHarness.ADMIN_TOKEN))
                .noneMatch(line -> line.contains("replaced-by-the-test"));
    }

    @Test
    void withoutAConfiguredTokenBearerCallersAreForbiddenAndIamCallersAllowed() {
        try (ApiHarness aws = ApiHarness.start(Map.of("mcpulse.admin.token", "", "mcpulse.local.mode", "false"))) {
            ApiHarness.Response bearer = aws.request("put-endpoint.json").admin().send();
            assertThat(bearer.status()).isEqualTo(403);
            assertThat(aws.parse(bearer.body())).containsEntry("error", "forbidden");
            assertThat(aws.registryContents()).isEmpty();

            ApiHarness.Response iam = aws.request("put-endpoint-iam.json").send();
            assertThat(iam.status()).isEqualTo(201);
            assertThat(aws.registryContents()).extracting(e -> e.id().value()).containsExactly("payments-mcp");
        }
        assertThat(logs.lines()).anyMatch(line -> line.contains("admin request allowed")
                && line.contains("arn:aws:sts::123456789012:assumed-role") && line.contains("mcpulse-admin"))
                .noneMatch(line -> line.contains("IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"));
    }

    @Test
    void aTooShortTokenStopsStartupNamingThePropertyButNotTheValue() {
        assertThatThrownBy(() -> ApiHarness.start(Map.of("mcpulse.admin.token", "short-secret-1")).close())
                .hasStackTraceContaining("mcpulse.admin.token must be at least 16 characters")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("short-secret-1"));
    }

    private static void assertNothingProbed(int readinessCallsBefore) {
        assertThat(readiness.calls()).as("readiness calls on the real server").isEqualTo(readinessCallsBefore);
        assertThat(api.bean(SnapshotStore.class).latest(new EndpointId("payments-mcp"))).isEmpty();
        assertThat(api.bean(SnapshotStore.class).history(new EndpointId("payments-mcp"), 5)).isEmpty();
    }

    private static String stackTrace(Throwable e) {
        var out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
