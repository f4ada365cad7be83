package dev.mcpulse.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AwsCallMeterTest {

    @Test
    void theKindIsTheItemTypeElseThePartitionKeysPrefix() {
        assertThat(AwsCallMeter.kind(Map.of("pk", AttributeValue.fromS("FLEET"), "itemType", AttributeValue.fromS("snapshot"))))
                .isEqualTo("snapshot");
        assertThat(AwsCallMeter.kind(Map.of("pk", AttributeValue.fromS("HISTORY#a")))).isEqualTo("HISTORY");
    }
}
