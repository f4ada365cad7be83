package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.port.CycleLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The scheduler's last cycle, one item under a fixed key. The write is conditional, so a late invocation of an
 * older cycle never hides a newer one.
 */
public final class DynamoDbCycleLog implements CycleLog {

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration historyTimeToLive;
    private final RecentCycles cycles;

    public DynamoDbCycleLog(DynamoDbClient client, String tableName) {
        this(client, tableName, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL);
    }

    /** {@code historyTimeToLive}: how long a cycle's shard count is kept, as long as the batches it locates. */
    public DynamoDbCycleLog(DynamoDbClient client, String tableName, Duration historyTimeToLive) {
        this(client, tableName, historyTimeToLive, new RecentCycles(client, tableName));
    }

    /** Recording through {@code cycles}, which a snapshot store of the same process reads (see RecentCycles). */
    DynamoDbCycleLog(DynamoDbClient client, String tableName, Duration historyTimeToLive, RecentCycles cycles) {
        this.client = client;
        this.tableName = tableName;
        this.historyTimeToLive = historyTimeToLive;
        this.cycles = cycles;
    }

    /** One small item per cycle in the {@code CYCLES} partition: see {@link RecentCycles}. */
    @Override
    public void recordShardCount(Instant startedAt, int shardCount) {
        cycles.record(startedAt, shardCount, historyTimeToLive);
    }

    @Override
    public void record(CycleRecord cycle) {
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(CycleItemMapper.toItem(cycle))
                    .conditionExpression("attribute_not_exists(pk) OR startedAt < :startedAt")
                    .expressionAttributeValues(Map.of(":startedAt",
                            TableKeys.s(SortableInstant.format(cycle.startedAt())))));
        } catch (ConditionalCheckFailedException newerAlreadyRecorded) {
            // An older (or the same) cycle arriving late: the newer record stays, as the port promises.
        }
    }

    @Override
    public Optional<CycleRecord> last() {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName).key(TableKeys.lastCycle())
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CycleItemMapper.fromItem(item));
    }
}
