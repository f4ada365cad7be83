package dev.mcpulse.storage.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads one sort-key prefix (registry entries or snapshots) of the fleet's {@link TableKeys#FLEET_PARTITIONS}
 * partitions: the N Queries run in parallel and their items are merged in sort-key (that is, id) order.
 * One thread per partition ({@link ParallelReads}).
 */
final class FleetPartitionReader {

    /** No Limit: DynamoDB's own 1 MB pages, the fewest round trips. */
    static final int DYNAMODB_PAGES = 0;
    private static final Comparator<PartitionCursor> BY_HEAD = Comparator.comparing(PartitionCursor::headSortKey);

    private final DynamoDbClient client;
    private final String tableName;
    private final int pageSize;
    private final ParallelReads partitions;

    FleetPartitionReader(DynamoDbClient client, String tableName, int pageSize) {
        this.client = client;
        this.tableName = tableName;
        this.pageSize = pageSize;
        this.partitions = new ParallelReads("fleet-reader", TableKeys.FLEET_PARTITIONS);
    }

    /**
     * Every item of the prefix in id order: each partition is followed page by page (LastEvaluatedKey) on its own
     * thread, then the items are sorted by sort key.
     */
    List<Map<String, AttributeValue>> all(String prefix) {
        List<Map<String, AttributeValue>> items = everyPartition("begins_with(sk, :prefix)",
                Map.of(":prefix", TableKeys.s(prefix)));
        items.sort(Comparator.comparing(item -> item.get(TableKeys.SK).s()));
        return items;
    }

    /** Every item whose sort key lies from {@code first} to {@code last} (both included), in no particular order. */
    List<Map<String, AttributeValue>> range(String first, String last) {
        return everyPartition("sk BETWEEN :first AND :last",
                Map.of(":first", TableKeys.s(first), ":last", TableKeys.s(last)));
    }

    /** The items of every partition that meet {@code sortKeyCondition}: one Query a partition, page by page. */
    private List<Map<String, AttributeValue>> everyPartition(String sortKeyCondition,
                                                            Map<String, AttributeValue> values) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        partitions.each(TableKeys.fleetPartitions(), partition -> {
            Map<String, AttributeValue> all = new HashMap<>(values);
            all.put(":pk", TableKeys.s(partition));
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk AND " + sortKeyCondition)
                    .expressionAttributeValues(all);
            if (pageSize > 0) {
                request.limit(pageSize);
            }
            return client.queryPaginator(request.build()).items().stream().toList();
        }).forEach(items::addAll);
        return items;
    }

    /**
     * Up to {@code limit} items of one kind ({@code prefix}) whose keys after the prefix start with {@code match}
     * and come after {@code after} (from the first when empty), in order: a k-way merge. Every partition first reads
     * a chunk of about its expected share of the page (in parallel); the merge then takes the smallest head, and a
     * partition that runs out before the page is full reads its next chunk (only that one: its next item may be the
     * smallest). So a page reads about {@code limit} items plus a margin per partition, never N x limit.
     */
    List<Map<String, AttributeValue>> page(String prefix, String match, Optional<String> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be at least 1, was " + limit);
        }
        int chunk = chunkFor(limit);
        List<PartitionCursor> cursors = TableKeys.fleetPartitions().stream()
                .map(partition -> new PartitionCursor(client, tableName, partition, prefix, match, after))
                .toList();
        partitions.each(cursors, cursor -> {
            cursor.fill(chunk);
            return cursor;
        });
        PriorityQueue<PartitionCursor> heads = new PriorityQueue<>(BY_HEAD);
        cursors.stream().filter(PartitionCursor::hasBuffered).forEach(heads::add);
        List<Map<String, AttributeValue>> items = new ArrayList<>(limit);
        while (items.size() < limit && !heads.isEmpty()) {
            PartitionCursor smallest = heads.poll();
            items.add(smallest.take());
            if (!smallest.hasBuffered() && smallest.mayHaveMore() && items.size() < limit) {
                // This partition may hold all that the page still needs, and never more.
                smallest.fill(Math.min(chunk, limit - items.size()));
            }
            if (smallest.hasBuffered()) {
                heads.add(smallest);
            }
        }
        return items;
    }

    /**
     * A partition's chunk: its expected share of the page, m = limit / N, plus two standard deviations of that
     * binomial share (about sqrt(m)), so that a page seldom needs a second round trip to any partition.
     */
    static int chunkFor(int limit) {
        double share = (double) limit / TableKeys.FLEET_PARTITIONS;
        return Math.min(limit, (int) Math.ceil(share + 2 * Math.sqrt(share)));
    }
}
