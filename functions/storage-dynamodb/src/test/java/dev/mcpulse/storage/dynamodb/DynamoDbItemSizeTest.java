package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's item size rules, as the one calculator the tests and benchmarks share applies them. */
class DynamoDbItemSizeTest {

    @Test
    void aStringAttributeIsItsNameAndValueInUtf8() {
        assertThat(DynamoDbItemSize.bytes(Map.of("pk", AttributeValue.fromS("FLEET")))).isEqualTo(2 + 5);
        assertThat(DynamoDbItemSize.bytes(Map.of("é", AttributeValue.fromS("ü")))).isEqualTo(2 + 2);
    }

    @Test
    void aNumberIsOneByteForTwoSignificantDigitsPlusOne() {
        assertThat(DynamoDbItemSize.numberBytes("1")).isEqualTo(2);
        assertThat(DynamoDbItemSize.numberBytes("12")).isEqualTo(2);
        assertThat(DynamoDbItemSize.numberBytes("123")).isEqualTo(3);
        assertThat(DynamoDbItemSize.numberBytes("1700000000")).isEqualTo(2); // trailing zeros are not significant
        assertThat(DynamoDbItemSize.numberBytes("-0.0125")).isEqualTo(3);
    }

    @Test
    void listsAndMapsCostThreeBytesPlusOneAnElement() {
        AttributeValue list = AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromBool(true)));
        assertThat(DynamoDbItemSize.valueBytes(list)).isEqualTo(3 + (1 + 2) + (1 + 1));
        AttributeValue map = AttributeValue.fromM(Map.of("k", AttributeValue.fromNul(true)));
        assertThat(DynamoDbItemSize.valueBytes(map)).isEqualTo(3 + 1 + 1 + 1);
    }
}
