package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local runner's HTTP server carries every request to the api function's own routes, as they answer on Lambda:
 * bodies of each accepted type, path variables, the query, status codes with their headers, and the API's errors for
 * what no route serves. Raw HTTP on a socket, so that methods and headers are exactly what is sent.
 */
class LocalHttpRoutesIT {

    private static final String ADMIN_TOKEN = "http-routes-test-token-3f81a2";

    @RegisterExtension
    static final EmptyRunner runner = new EmptyRunner(ADMIN_TOKEN);

    @Test
    void anEntryPutAsJsonIsCreatedThenReadBackByIdWithItsQuery() {
        RawHttp.Answer created = send("PUT", "/api/mcp/endpoints/json-one", "application/json",
                "{\"url\": \"http://127.0.0.1:9/json-one\", \"labels\": {\"team\": \"a b\"}}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().get("location")).isEqualTo("/api/mcp/clients/json-one");
        assertThat(created.headers().get("x-request-id")).isNotBlank();
        RawHttp.Answer read = runner.get("/api/mcp/clients/json-one?history=5");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"id\":\"json-one\"", "\"history\":[]");
        RawHttp.Answer filtered = runner.get("/api/mcp/clients?label=team:a+b");
        assertThat(filtered.body()).contains("\"json-one\"");
    }

    @Test
    void aFleetFileImportedAsYamlIsSavedWhole() {
        RawHttp.Answer imported = send("POST", "/api/mcp/endpoints:import", "application/yaml",
                "- {id: yaml-one, url: 'http://127.0.0.1:9/yaml-one'}\n"
                        + "- {id: yaml-two, url: 'http://127.0.0.1:9/yaml-two'}\n");

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(DnsRebindingIT.json(imported.body())).containsEntry("imported", 2);
        RawHttp.Answer deleted = send("DELETE", "/api/mcp/endpoints/yaml-two", null, "");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(runner.get("/api/mcp/clients/yaml-two").status()).isEqualTo(404);
    }

    @Test
    void whatNoRouteServesIsTheApisJsonError() {
        RawHttp.Answer patch = send("PATCH", "/api/mcp/endpoints/json-one", "application/json", "{}");
        RawHttp.Answer unknownMethod = send("PROPFIND", "/api/mcp/clients", null, "");
        RawHttp.Answer unknownRoute = runner.get("/api/mcp/nothing-here");
        RawHttp.Answer encodedSlash = runner.get("/api/mcp/clients/..%2Fx");
        RawHttp.Answer text = send("PUT", "/api/mcp/endpoints/text-one", "text/plain",
                "{\"url\": \"http://127.0.0.1:9/x\"}");

        assertError(patch, 405, "method_not_allowed");
        assertThat(patch.headers().get("allow")).contains("PUT", "DELETE");
        assertError(unknownMethod, 405, "method_not_allowed");
        assertThat(unknownMethod.body()).doesNotContain("PATCH");
        assertThat(unknownMethod.headers()).doesNotContainKey("allow");
        assertError(unknownRoute, 404, "not_found");
        assertError(encodedSlash, 400, "invalid_id");
        assertError(text, 415, "unsupported_media_type");
        assertThat(runner.get("/api/mcp/clients/text-one").status()).as("nothing saved").isEqualTo(404);
    }

    @Test
    void theDashboardAndTheDocumentAreServedWithTheirTypes() {
        RawHttp.Answer page = runner.get("/");
        RawHttp.Answer script = runner.get("/assets/app.js");
        RawHttp.Answer document = runner.get("/api/openapi.yml");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-type")).startsWith("text/html");
        assertThat(page.headers().get("content-security-policy")).contains("default-src 'none'");
        assertThat(script.headers().get("content-type")).startsWith("text/javascript");
        assertThat(document.headers().get("content-type")).startsWith("application/yaml");
        assertThat(document.body()).contains("/api/mcp/endpoints:import");
    }

    private static void assertError(RawHttp.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        Map<String, Object> body = DnsRebindingIT.json(answer.body());
        assertThat(body).containsEntry("error", error);
    }

    private static RawHttp.Answer send(String method, String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(runner.port(), method + " " + path + " HTTP/1.1\nHost: " + runner.host()
                + "\nAuthorization: Bearer "
                + ADMIN_TOKEN + (contentType == null ? "" : "\nContent-Type: " + contentType) + "\nContent-Length: "
                + bytes.length + "\nConnection: close", bytes);
    }
}
