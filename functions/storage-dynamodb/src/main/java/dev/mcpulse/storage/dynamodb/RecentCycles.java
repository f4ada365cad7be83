package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration keepFor;
    /** The cycles read last, and from when; dropped when this instance records a cycle. */
    private final AtomicReference<Kept> last = new AtomicReference<>();

    private record Kept(long readAtNanos, Instant from, List<Cycle> cycles) {
    }

    /** Without keeping: every {@link #since} queries the table. */
    RecentCycles(DynamoDbClient client, String tableName) {
        this(client, tableName, Duration.ZERO);
    }

    /**
     * {@code kept}: how long the cycles read once serve the next {@link #since}. Every snapshot read needs them and
     * they change once per cycle, so a deployment keeps them a moment; a cycle recorded meanwhile by another process
     * is missed for at most that long (as an eventually consistent read may miss it), and one recorded through this
     * instance — the cycle log and the snapshot store of one process share it — drops them at once.
     */
    RecentCycles(DynamoDbClient client, String tableName, Duration kept) {
        this.client = client;
        this.tableName = tableName;
        this.keepFor = kept;
    }

    void record(Instant startedAt, int shardCount, Duration timeToLive) {
        String at = SortableInstant.format(startedAt);
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(PARTITION, at));
        item.put(TableKeys.ITEM_TYPE, s(ITEM_TYPE));
        item.put(SHARD_COUNT, n(shardCount));
        item.put(HistoryItemMapper.EXPIRES_AT, n(startedAt.plus(timeToLive).getEpochSecond()));
        client.putItem(b -> b.tableName(tableName).item(item));
        last.set(null);
    }

    /** The cycles started at or after {@code from}, newest first: one small Query, or the one read a moment ago. */
    List<Cycle> since(Instant from) {
        Kept kept = last.get();
        long now = System.nanoTime();
        if (kept != null && now - kept.readAtNanos() < keepFor.toNanos() && !kept.from().isAfter(from)) {
            return kept.cycles().stream().filter(cycle -> !cycle.startedAt().isBefore(from)).toList();
        }
        List<Cycle> read = newestFirst(BatchReader.MAX_BATCH, from).toList();
        last.set(new Kept(now, from, read));
        return read;
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
