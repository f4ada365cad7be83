package dev.mcpulse.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {

    @Test
    void aStringAttributeIsItsNameAndValueInUtf8() {
        assertThat(ItemSize.of(Map.of("pk", AttributeValue.fromS("FLEET")))).isEqualTo(2 + 5);
        assertThat(ItemSize.of(Map.of("é", AttributeValue.fromS("ü")))).isEqualTo(2 + 2);
    }

    @Test
    void aNumberIsOneByteForTwoSignificantDigitsPlusOne() {
        assertThat(ItemSize.number("1")).isEqualTo(2);
        assertThat(ItemSize.number("12")).isEqualTo(2);
        assertThat(ItemSize.number("123")).isEqualTo(3);
        assertThat(ItemSize.number("1700000000")).isEqualTo(2); // trailing zeros are not significant
        assertThat(ItemSize.number("-0.0125")).isEqualTo(3);
    }

    @Test
    void listsAndMapsCostThreeBytesPlusOneAnElement() {
        AttributeValue list = AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromBool(true)));
        assertThat(ItemSize.value(list)).isEqualTo(3 + (1 + 2) + (1 + 1));
        AttributeValue map = AttributeValue.fromM(Map.of("k", AttributeValue.fromNul(true)));
        assertThat(ItemSize.value(map)).isEqualTo(3 + 1 + 1 + 1);
    }

    @Test
    void theKindIsTheItemTypeElseThePartitionKeysPrefix() {
        assertThat(AwsCallMeter.kind(Map.of("pk", AttributeValue.fromS("FLEET"), "itemType", AttributeValue.fromS("snapshot"))))
                .isEqualTo("snapshot");
        assertThat(AwsCallMeter.kind(Map.of("pk", AttributeValue.fromS("HISTORY#a")))).isEqualTo("HISTORY");
    }
}
