package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Instant;

/** The check batch contract against DynamoDB Local: batches found through the {@code CYCLES} partition. */
class DynamoDbCheckBatchIT extends CheckBatchContract {

    private String table;

    @Override
    protected SnapshotStore newStore() {
        table = DynamoDbLocal.newTable();
        return new DynamoDbSnapshotStore(DynamoDbLocal.client(), table, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL, 50,
                BatchWriter.RetryPause.DEFAULT);
    }

    @Override
    protected void recordCycle(Instant startedAt, int shardCount) {
        new DynamoDbCycleLog(DynamoDbLocal.client(), table).recordShardCount(startedAt, shardCount);
    }
}
