package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-endpoint cadence through the admin API (issue 9): at least the scheduler's interval, shown in the payload. */
class CadenceHandlerTest {

    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(Map.of("mcpulse.probe.interval.seconds", "300"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anEndpointMayBeProbedLessOftenThanTheFleet() {
        ApiHarness.Response response = api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/quarterly")
                .body("{\"url\": \"https://q.example.com/mcp\", \"intervalSeconds\": 900}").send();

        assertThat(response.status()).isEqualTo(201);
        assertThat(api.parse(response.body())).containsEntry("intervalSeconds", 900);
        assertThat(api.bean(EndpointRegistry.class).get(new EndpointId("quarterly")).orElseThrow().interval())
                .contains(Duration.ofMinutes(15));
    }

    @Test
    void anIntervalBelowTheSchedulesRateIsA400NamingBothAndSavesNothing() {
        ApiHarness.Response response = api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/eager")
                .body("{\"url\": \"https://e.example.com/mcp\", \"intervalSeconds\": 60}").send();

        assertThat(response.status()).isEqualTo(400);
        Map<String, Object> error = api.parse(response.body());
        assertThat(error).containsEntry("field", "intervalSeconds");
        assertThat((List<?>) error.get("errors")).singleElement().asString()
                .contains("intervalSeconds", "number 60", "scheduler's interval of 300 s");
        assertThat(api.bean(EndpointRegistry.class).get(new EndpointId("eager"))).isEmpty();
    }
}
