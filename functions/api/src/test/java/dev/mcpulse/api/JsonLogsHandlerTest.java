package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logs are JSON lines carrying the request id: API Gateway's id, returned to the caller as X-Request-Id, is on the
 * request line and on every line logged while the request ran (here the check's "probe result" line). No headers.
 */
class JsonLogsHandlerTest {

    private static ApiHarness api;
    private static LogCapture logs;

    @BeforeAll
    static void start() {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        api = ApiHarness.start();
        api.clearFleet();
        api.register(Seed.entry("payments-mcp"));
    }

    @AfterAll
    static void stop() {
        api.close();
        logs.close();
    }

    @Test
    void everyLineIsJsonAndRequestLinesCarryTheApiGatewayRequestId() throws IOException {
        ApiHarness.Response response = api.request("check-now.json").admin().send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-request-id")).isEqualTo("CnDhGkR7joEEMhB=");
        assertThat(org.slf4j.MDC.get("requestId")).as("no request id left behind for the next invocation").isNull();
        JsonMapper json = api.bean(JsonMapper.class);
        List<Map<String, Object>> parsed = logs.lines().stream().map(line -> read(json, line)).toList();
        List<Map<String, Object>> ofThisRequest = parsed.stream()
                .filter(line -> Map.of("requestId", "CnDhGkR7joEEMhB=").equals(line.get("mdc")))
                .toList();
        assertThat(ofThisRequest).extracting(line -> line.get("formattedMessage"))
                .contains("admin request allowed", "probe result", "request");
        // Each key/value is found by its name, as Logs Insights' `filter fields.endpointId = "payments-mcp"` reads it.
        Map<String, Object> probeResult = single(ofThisRequest, "probe result");
        assertThat(probeResult).doesNotContainKey("kvpList");
        assertThat(fields(probeResult)).containsEntry("endpointId", "payments-mcp")
                .containsKeys("outcome", "status", "reason", "latencyMs", "stored");
        assertThat(fields(single(ofThisRequest, "request"))).containsEntry("status", 200);
        assertThat(logs.lines()).noneMatch(line -> line.contains("user-agent") || line.contains("Mozilla")
                || line.contains("203.0.113.17"));
        assertThat(logs.lines()).as("a healthy check logs no error").noneMatch(line -> line.contains("\"level\":\"ERROR\""));
    }

    @Test
    void aCallerSuppliedRequestIdIsUsedOnlyWithoutAGatewayIdAndOnlyWhenItIsSafeText() {
        assertThat(api.request("list-clients.json").header("x-request-id", "trace-42").send().header("x-request-id"))
                .isEqualTo("CnDhDgW3joEEMdg="); // API Gateway's id wins
        assertThat(api.request("list-clients.json").gatewayRequestId(null).header("x-request-id", "trace-42").send()
                .header("x-request-id")).isEqualTo("trace-42");

        ApiHarness.Response unsafe = api.request("list-clients.json").gatewayRequestId(null)
                .header("x-request-id", "evil id \"<script>\"").send();

        assertThat(unsafe.status()).isEqualTo(200);
        assertThat(unsafe.header("x-request-id")).matches("[0-9a-f-]{36}");
        assertThat(logs.lines()).noneMatch(line -> line.contains("evil id"));
    }

    private static Map<String, Object> single(List<Map<String, Object>> lines, String message) {
        return lines.stream().filter(line -> message.equals(line.get("formattedMessage"))).reduce((a, b) -> {
            throw new AssertionError("more than one line \"" + message + "\"");
        }).orElseThrow(() -> new AssertionError("no line \"" + message + "\""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> line) {
        assertThat(line.get("fields")).as("the line's fields").isInstanceOf(Map.class);
        return (Map<String, Object>) line.get("fields");
    }

    private static Map<String, Object> read(JsonMapper json, String line) {
        try {
            return json.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
