package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The recent cycles and over how many buckets each spread its endpoints: partition {@code CYCLES}, sort key the
 * cycle's start, one small item per cycle (TTL as history), read newest first. With it a reader finds an endpoint's
 * check batch of a cycle from the id alone ({@link CheckBatchItemMapper#key}).
 */
final class RecentCycles {

    static final String PARTITION = "CYCLES";
    static final String ITEM_TYPE = "cycleShards";
    private static final String SHARD_COUNT = "shardCount";

    /** One cycle: when it started and how many buckets it used. */
    record Cycle(Instant startedAt, int shardCount) {
    }

    /**
     * Per table, how many cycles this process has recorded: a reader in the same process (the local runner, or a
     * test harness) drops the recent cycles it keeps when a cycle was recorded since it read them, so it never misses
     * a cycle it could see. (Across processes, on AWS, a cycle is missed for at most the keeping time.)
     */
    private static final Map<String, AtomicLong> RECORDED =
            new ConcurrentHashMap<>();

    private final DynamoDbClient client;
    private final String tableName;

    RecentCycles(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    void record(Instant startedAt, int shardCount, Duration timeToLive) {
        String at = SortableInstant.format(startedAt);
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(PARTITION, at));
        item.put(TableKeys.ITEM_TYPE, s(ITEM_TYPE));
        item.put(SHARD_COUNT, n(shardCount));
        item.put(HistoryItemMapper.EXPIRES_AT, n(startedAt.plus(timeToLive).getEpochSecond()));
        client.putItem(b -> b.tableName(tableName).item(item));
        recorded(tableName).incrementAndGet();
    }

    /** The cycles this process has recorded in the table so far (see {@link #RECORDED}). */
    long recordedHere() {
        return recorded(tableName).get();
    }

    private static AtomicLong recorded(String table) {
        return RECORDED.computeIfAbsent(table, t -> new AtomicLong());
    }

    /**
     * The cycles started at or after {@code from}, newest first, {@code pageSize} a request (eventually consistent: a
     * cycle a moment old may be missing).
     */
    Stream<Cycle> newestFirst(int pageSize, Instant from) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND sk >= :from")
                .expressionAttributeValues(Map.of(":pk", s(PARTITION), ":from", s(SortableInstant.format(from))))
                .scanIndexForward(false)
                .limit(pageSize)
                .build();
        return client.queryPaginator(request).items().stream().map(item -> {
            ItemReader read = new ItemReader(item);
            return new Cycle(SortableInstant.parse(read.string(TableKeys.SK)), read.integer(SHARD_COUNT));
        });
    }
}
