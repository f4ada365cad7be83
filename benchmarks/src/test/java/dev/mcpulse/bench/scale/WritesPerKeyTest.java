package dev.mcpulse.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The write counter reads each request's items as the SDK builds them: per pk and item type, with write units. */
class WritesPerKeyTest {

    private final WritesPerKey counter = new WritesPerKey();

    @Test
    void everyItemWrittenCountsUnderItsPartitionKeyAndReadsDoNot() {
        counter.start();
        send(PutItemRequest.builder().tableName("t").item(item("FLEET", "snapshot", 1_500)).build());
        send(UpdateItemRequest.builder().tableName("t").key(Map.of("pk", s("FLEET"), "sk", s("SNAPSHOT#a"))).build());
        send(BatchWriteItemRequest.builder().requestItems(Map.of("t", List.of(
                put(item("HISTORY#a", "history", 100)), put(item("HISTORY#b", "history", 100)),
                put(item("FLEET", "snapshot", 100))))).build());
        send(GetItemRequest.builder().tableName("t").key(Map.of("pk", s("FLEET"), "sk", s("x"))).build());
        Map<String, Map<String, WritesPerKey.Tally>> counted = counter.stop();

        assertThat(counted.get("FLEET")).containsEntry("snapshot", new WritesPerKey.Tally(2, 3))
                .containsEntry("(key only)", new WritesPerKey.Tally(1, 1));
        assertThat(counted.get("HISTORY#a")).containsEntry("history", new WritesPerKey.Tally(1, 1));
        KeyLoad load = KeyLoad.of(counted);
        assertThat(load.writes()).isEqualTo(5);
        assertThat(load.hottestKey()).isEqualTo("FLEET");
        assertThat(load.hottestShare()).isEqualTo(0.6);
        assertThat(load.snapshotWrites()).isEqualTo(2);
        assertThat(load.snapshotKeys()).isEqualTo(1);
        assertThat(load.snapshotEvenness()).isEqualTo(1.0);
        assertThat(load.hottestUnitsPerSecond(2)).isEqualTo(2.0);
    }

    @Test
    void nothingIsCountedOutsideStartAndStop() {
        send(PutItemRequest.builder().tableName("t").item(item("FLEET", "snapshot", 10)).build());
        counter.start();
        assertThat(counter.stop()).isEmpty();
        send(PutItemRequest.builder().tableName("t").item(item("FLEET", "snapshot", 10)).build());
        assertThat(KeyLoad.of(counter.stop()).writes()).isZero();
    }

    private void send(SdkRequest request) {
        Context.BeforeExecution context = () -> request;
        counter.beforeExecution(context, new ExecutionAttributes());
    }

    /** An item of about {@code bytes} bytes. */
    private static Map<String, AttributeValue> item(String pk, String type, int bytes) {
        return Map.of("pk", s(pk), "sk", s("x"), "itemType", s(type), "body", s("b".repeat(bytes)));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
