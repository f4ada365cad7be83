package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.history;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** The snapshot store contract against DynamoDB Local, plus what only DynamoDB has: the TTL attribute. */
class DynamoDbSnapshotStoreIT extends SnapshotStoreContract {

    private String table;

    @Override
    protected SnapshotStore newStore() {
        table = DynamoDbLocal.newTable();
        return new DynamoDbSnapshotStore(DynamoDbLocal.client(), table, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL, 50,
                BatchWriter.RetryPause.DEFAULT);
    }

    @Override
    protected OptionalLong droppedStaleWrites(SnapshotStore store) {
        return OptionalLong.of(((DynamoDbSnapshotStore) store).droppedStaleWrites());
    }

    /** The store tells DROPPED from PREVIOUS_CHANGED from the old item DynamoDB returns, not from a second read. */
    @Test
    void aFailedConditionReturnsTheStoredSnapshot() {
        SnapshotStore store = newStore();
        store.putIfNewer(okSnapshot(id("ep"), T0), Optional.empty());

        var refused = catchThrowableOfType(
                ConditionalCheckFailedException.class,
                () -> DynamoDbLocal.client().putItem(b -> b.tableName(table)
                        .item(SnapshotItemMapper.toItem(okSnapshot(id("ep"), T0)))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        assertThat(refused.hasItem()).isTrue();
        assertThat(SnapshotItemMapper.fromItem(refused.item())).isEqualTo(okSnapshot(id("ep"), T0));
    }

    @Test
    void historyItemsCarryTheTableTtlAttributeSevenDaysAfterTheirCheck() {
        SnapshotStore store = newStore();
        store.appendHistory(history(id("ep"), T0));

        Map<String, AttributeValue> item = DynamoDbLocal.client().getItem(b -> b.tableName(table)
                .key(TableKeys.key("HISTORY#ep", SortableInstant.format(T0)))).item();

        assertThat(TableDefinition.load().timeToLiveAttribute()).isEqualTo(HistoryItemMapper.EXPIRES_AT);
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(T0.plus(Duration.ofDays(7)).getEpochSecond()));
        assertThat(DynamoDbLocal.client().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription()
                .attributeName()).isEqualTo("expiresAt");
    }
}
