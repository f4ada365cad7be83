package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import dev.mcpulse.wiring.snapstart.Priming;
import dev.mcpulse.wiring.snapstart.SnapStartHooks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The api function's SnapStart priming, called as Lambda calls it, on DynamoDB Local (embedded): the DynamoDB GetItem
 * and the fleet page's serde (written and read back equal) both succeed; without SnapStart nothing is primed.
 */
class ApiPrimingsIT {

    @Test
    void underSnapStartTheHookPrimesDynamoDbAndTheFleetPagesSerde() throws Exception {
        try (ApiHarness api = ApiHarness.start(Map.of(SnapStartHooks.INITIALIZATION_TYPE, SnapStartHooks.SNAP_START))) {
            List<String> lines;
            try (LogCapture logs = LogCapture.open(JsonLogging::jsonEncoder)) {
                api.context.getBean(SnapStartHooks.class).priming().beforeCheckpoint(null);
                lines = logs.lines();
            }

            assertThat(lines).filteredOn(line -> line.contains("primed before the snapshot"))
                    .hasSize(2)
                    .anyMatch(line -> line.contains("\"priming\":\"dynamodb\""))
                    .anyMatch(line -> line.contains("\"priming\":\"serde\""));
            assertThat(lines).noneMatch(line -> line.contains("\"level\":\"WARN\""));
        }
    }

    @Test
    void onDemandThereIsNoHookAndNoPriming() {
        try (ApiHarness api = ApiHarness.start()) {
            assertThat(api.context.findBean(SnapStartHooks.class)).isEmpty();
            assertThat(api.context.getBeansOfType(Priming.class)).isEmpty();
        }
    }
}
