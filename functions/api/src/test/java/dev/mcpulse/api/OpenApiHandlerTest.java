package dev.mcpulse.api;

import static dev.mcpulse.api.PayloadContractHandlerTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.StatusReason;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document is served and lists every API route with its method. */
class OpenApiHandlerTest {

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void servesTheDocumentWithEveryRoute() {
        ApiHarness.Response response = api.request("openapi.json").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/yaml");
        Map<String, Object> document = new Yaml().load(response.body());
        assertThat(document).containsKey("openapi");
        Map<String, Object> paths = map(document.get("paths"));
        assertThat(paths.keySet()).containsExactlyInAnyOrder(
                "/api/mcp/clients", "/api/mcp/clients/{id}", "/api/mcp/clients/{id}/check",
                "/api/mcp/endpoints/{id}", "/api/mcp/endpoints:import", "/api/mcp/endpoints:validate");
        assertThat(map(paths.get("/api/mcp/clients")).keySet()).contains("get");
        assertThat(map(paths.get("/api/mcp/clients/{id}")).keySet()).contains("get");
        assertThat(map(paths.get("/api/mcp/clients/{id}/check")).keySet()).contains("post");
        assertThat(map(paths.get("/api/mcp/endpoints/{id}")).keySet()).contains("put", "delete");
        assertThat(map(paths.get("/api/mcp/endpoints:import")).keySet()).contains("post");
        assertThat(map(paths.get("/api/mcp/endpoints:validate")).keySet()).contains("post");
    }

    @Test
    void adminRoutesDeclareTheAdminSecurityRequirementAndReadRoutesDoNot() {
        Map<String, Object> paths = map(((Map<String, Object>) new Yaml().load(api.request("openapi.json").send().body()))
                .get("paths"));

        assertThat(map(map(paths.get("/api/mcp/endpoints/{id}")).get("put"))).containsKey("security");
        assertThat(map(map(paths.get("/api/mcp/endpoints/{id}")).get("delete"))).containsKey("security");
        assertThat(map(map(paths.get("/api/mcp/endpoints:import")).get("post"))).containsKey("security");
        assertThat(map(map(paths.get("/api/mcp/clients/{id}/check")).get("post"))).containsKey("security");
        assertThat(map(map(paths.get("/api/mcp/clients")).get("get"))).doesNotContainKey("security");
    }

    @Test
    void theDocumentListsEveryOutcomeAndTheOAuthAuthType() {
        Map<String, Object> schemas = map(map(((Map<String, Object>) new Yaml().load(api.request("openapi.json").send().body()))
                .get("components")).get("schemas"));

        Map<String, Object> endpoint = map(map(schemas.get("EndpointPayload")).get("properties"));
        assertThat((List<String>) map(endpoint.get("last_outcome")).get("enum")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(OutcomeKind.values()).map(OutcomeKind::code).toList());
        assertThat((List<String>) map(endpoint.get("reason")).get("enum")).containsAll(
                Arrays.stream(StatusReason.values()).map(StatusReason::code).toList());
        assertThat((List<String>) map(endpoint.get("failed_step")).get("enum")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProbeStep.values()).map(ProbeStep::code).toList());
        assertThat(map(endpoint.get("token_expires_at"))).containsEntry("format", "date-time");
        Map<String, Object> auth = map(map(schemas.get("EndpointPayload.AuthPayload")).get("properties"));
        assertThat((List<String>) map(auth.get("type")).get("enum")).contains("oauth-client-credentials");
        assertThat(auth).containsKeys("clientId", "scope", "tokenEndpointAuth", "signingAlg", "authorizationServer");
    }
}
