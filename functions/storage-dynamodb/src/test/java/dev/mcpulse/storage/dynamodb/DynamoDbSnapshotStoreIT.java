package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.history;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The snapshot store contract against DynamoDB Local, plus what only DynamoDB has: the TTL attribute. Query pages of
 * 5 items, so that reading 250 snapshots (about 15 in each of the 16 fleet partitions) follows LastEvaluatedKey.
 */
class DynamoDbSnapshotStoreIT extends SnapshotStoreContract {

    private String table;

    @Override
    protected SnapshotStore newStore() {
        table = DynamoDbLocal.newTable();
        return new DynamoDbSnapshotStore(DynamoDbLocal.client(), table, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL, 5,
                BatchWriter.RetryPause.DEFAULT);
    }

    @Override
    protected OptionalLong droppedStaleWrites(SnapshotStore store) {
        return OptionalLong.of(((DynamoDbSnapshotStore) store).droppedStaleWrites());
    }

    /**
     * A page of 100 snapshots read as a range costs a fraction of the same snapshots read by key (BatchGetItem bills
     * half a unit for each item, however small; a Query bills the bytes it reads): read units as DynamoDB Local
     * reports them, both reads in this test, of the same snapshots with the same result.
     */
    @Test
    void aPagesSnapshotsReadAsARangeCostAFractionOfTheirReadByKey() {
        CapacityMeter meter = new CapacityMeter(DynamoDbLocal.client());
        String pageTable = DynamoDbLocal.newTable();
        SnapshotStore store = new DynamoDbSnapshotStore(meter.client, pageTable, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL);
        java.util.List<dev.mcpulse.domain.endpoint.EndpointId> page = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            dev.mcpulse.domain.endpoint.EndpointId id = id(String.format("ep-%04d", i));
            store.putIfNewer(okSnapshot(id, T0), Optional.empty());
            if (i >= 100 && i < 200) {
                page.add(id);
            }
        }

        meter.reset();
        var byKey = store.latest(page);
        double byKeyUnits = meter.readUnits.sum();
        meter.reset();
        var asRange = store.latestOfRun(page);
        double rangeUnits = meter.readUnits.sum();

        assertThat(asRange).hasSize(100).isEqualTo(byKey);
        assertThat(byKeyUnits).isGreaterThanOrEqualTo(50.0); // half a unit for each of the 100 items
        assertThat(rangeUnits).isGreaterThan(0).isLessThanOrEqualTo(byKeyUnits / 4);
        System.out.printf("a page of 100 snapshots: %.1f read units by key, %.1f as a range%n", byKeyUnits, rangeUnits);
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

    /**
     * TTL on purpose, and the only test that depends on DynamoDB Local's sweeper: {@code expiresAt} is the check
     * plus the configured TTL, and once that moment has passed the sweeper deletes the item (as DynamoDB does,
     * later). Every other test writes from the real now, so nothing it reads can expire under it.
     */
    @Test
    void historyExpiresTheConfiguredTtlAfterItsCheckAndDynamoDbLocalThenDeletesIt() throws InterruptedException {
        // A DynamoDB Local of its own: its TTL sweeper then walks this one table, not every table the other tests
        // left in the shared instance (a full run under faketime once outlasted the wait below with them).
        AmazonDynamoDBLocal ownLocal = DynamoDBEmbedded.create(true);
        try (DynamoDbClient client = ownLocal.dynamoDbClient()) {
            Duration ttl = Duration.ofHours(2);
            table = "mcpulse-ttl";
            TestTables.create(client, table);
            SnapshotStore store = new DynamoDbSnapshotStore(client, table, ttl, 50, BatchWriter.RetryPause.DEFAULT);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant expiresSoon = now.minus(ttl).plusSeconds(5);
            Instant fresh = now.minusSeconds(60);
            store.appendHistory(history(id("ep"), expiresSoon));
            store.appendHistory(history(id("ep"), fresh));

            assertThat(TableDefinition.load().timeToLiveAttribute()).isEqualTo(HistoryItemMapper.EXPIRES_AT);
            assertThat(client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription()
                    .attributeName()).isEqualTo("expiresAt");
            assertThat(expiresAt(client, expiresSoon)).as("written before it expired")
                    .hasValue(now.plusSeconds(5).getEpochSecond());
            assertThat(expiresAt(client, fresh)).hasValue(fresh.plus(ttl).getEpochSecond());

            // DynamoDB Local's sweeper runs on its own cadence (about 30 s after expiry on this machine): wait, bounded.
            Instant giveUp = Instant.now().plusSeconds(120);
            while (expiresAt(client, expiresSoon).isPresent() && Instant.now().isBefore(giveUp)) {
                Thread.sleep(200);
            }
            Instant deletedBy = Instant.now();

            assertThat(expiresAt(client, expiresSoon)).as("deleted by DynamoDB Local's TTL sweeper within 120 s").isEmpty();
            assertThat(deletedBy).as("not before its TTL passed").isAfterOrEqualTo(now.plusSeconds(5));
            assertThat(store.history(id("ep"), 10)).containsExactly(history(id("ep"), fresh));
        } finally {
            ownLocal.shutdown();
        }
    }

    private OptionalLong expiresAt(DynamoDbClient client, Instant checkedAt) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(TableKeys.key("HISTORY#ep", SortableInstant.format(checkedAt))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(item.get(HistoryItemMapper.EXPIRES_AT).n()));
    }
}
