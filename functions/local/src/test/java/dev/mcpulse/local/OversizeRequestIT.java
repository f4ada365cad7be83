package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Too much of a request, each named for what it is: 431 for headers, 414 for the request line, 413 for a body. Raw
 * HTTP on a socket against a running local runner (no client library sends a 70 KB header).
 */
class OversizeRequestIT {

    private static final String ADMIN_TOKEN = "oversize-test-token-41a8d3";

    @RegisterExtension
    static final EmptyRunner runner = new EmptyRunner(ADMIN_TOKEN);

    @Test
    void aSeventyKilobyteHeaderIsRefusedAsHeadersNotAsABody() {
        RawHttp.Answer answer = RawHttp.exchange(runner.port(), "GET /api/mcp/clients HTTP/1.1\nHost: " + runner.host()
                + "\nX-Padding: " + "a".repeat(70 * 1024) + "\nConnection: close", new byte[0]);

        assertThat(answer.status()).as(answer.body()).isEqualTo(431);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        Map<String, Object> error = DnsRebindingIT.json(answer.body());
        assertThat(error).containsEntry("error", "headers_too_large");
        assertThat((String) error.get("message")).contains("headers", "8192 bytes").doesNotContain("body");
        // The refusal costs nothing but that connection: the next request is served.
        assertThat(runner.get("/api/mcp/clients").status()).isEqualTo(200);
    }

    @Test
    void manyHeadersAddingUpPastTheLimitAreRefusedTooEvenOnARouteWithABody() {
        String headers = IntStream.range(0, 120).mapToObj(i -> "X-Extra-" + i + ": " + "v".repeat(100))
                .collect(Collectors.joining("\n"));
        byte[] body = "{\"url\": \"http://127.0.0.1:9/mcp\"}".getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.exchange(runner.port(),
                "PUT /api/mcp/endpoints/padded HTTP/1.1\nHost: " + runner.host()
                + "\nAuthorization: Bearer " + ADMIN_TOKEN + "\nContent-Type: application/json\nContent-Length: "
                + body.length + "\n" + headers + "\nConnection: close", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(431);
        assertThat(DnsRebindingIT.json(answer.body())).containsEntry("error", "headers_too_large");
        assertThat(runner.get("/api/mcp/clients/padded").status()).as("nothing was saved").isEqualTo(404);
    }

    @Test
    void aRequestLineLongerThanTheLimitIsAUriTooLong() {
        RawHttp.Answer answer = runner.get("/api/mcp/clients?label=" + "k".repeat(5000) + ":v");

        assertThat(answer.status()).as(answer.body()).isEqualTo(414);
        assertThat(DnsRebindingIT.json(answer.body())).containsEntry("error", "uri_too_long");
    }

    @Test
    void aBodyOverTheEntryLimitIsStillA413AboutTheBody() {
        byte[] body = ("{\"url\": \"http://127.0.0.1:9/mcp\", \"name\": \"" + "n".repeat(70 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.exchange(runner.port(),
                "PUT /api/mcp/endpoints/too-big HTTP/1.1\nHost: " + runner.host()
                + "\nAuthorization: Bearer " + ADMIN_TOKEN + "\nContent-Type: application/json\nContent-Length: "
                + body.length + "\nConnection: close", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        Map<String, Object> error = DnsRebindingIT.json(answer.body());
        assertThat(error).containsEntry("error", "body_too_large");
        assertThat((String) error.get("message")).contains("body");
    }
}
