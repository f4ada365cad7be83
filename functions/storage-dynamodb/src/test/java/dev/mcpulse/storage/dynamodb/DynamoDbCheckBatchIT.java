package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check batch contract against DynamoDB Local: batches found through the {@code CYCLES} partition. */
class DynamoDbCheckBatchIT extends CheckBatchContract {

    private CapacityMeter meter;
    private String table;

    @Override
    protected SnapshotStore newStore() {
        table = DynamoDbLocal.newTable();
        meter = new CapacityMeter(DynamoDbLocal.client());
        return new DynamoDbSnapshotStore(meter.client, table, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL, 50,
                BatchWriter.RetryPause.DEFAULT);
    }

    @Override
    protected void recordCycle(Instant startedAt, int shardCount) {
        new DynamoDbCycleLog(DynamoDbLocal.client(), table).recordShardCount(startedAt, shardCount);
    }

    /**
     * An open dashboard asks for a row's chart again once the row shows a new check. Asking only for the checks after
     * the newest it holds reads a fraction of the whole history's read units (as DynamoDB Local reports them, both in
     * this test), with the same checks: 41 cycles of batches, as on a deployment that has run for hours.
     */
    @Test
    void theChecksAfterTheNewestAChartHoldsCostAFractionOfItsWholeHistory() {
        for (int cycle = 0; cycle < 41; cycle++) {
            batch(cycle, new BatchedCheck(check(EP, cycle, 100 + cycle), Optional.empty()),
                    new BatchedCheck(check(OTHER, cycle, 1), Optional.empty()));
        }

        meter.reset();
        List<HistoryEntry> whole = store.history(EP, 40);
        double wholeUnits = meter.readUnits.sum();
        meter.reset();
        Optional<List<HistoryEntry>> after = store.historyAfter(EP, 40, whole.get(1).checkedAt());
        double afterUnits = meter.readUnits.sum();

        assertThat(whole).hasSize(40);
        assertThat(after).contains(whole.subList(0, 1));
        assertThat(wholeUnits).isGreaterThanOrEqualTo(20.0); // half a unit for each of 40 batches at least
        assertThat(afterUnits).isGreaterThan(0).isLessThanOrEqualTo(wholeUnits / 4);
        System.out.printf("a chart of 40 checks over 41 cycles: %.1f read units whole, %.1f for the newest check%n",
                wholeUnits, afterUnits);
    }
}
