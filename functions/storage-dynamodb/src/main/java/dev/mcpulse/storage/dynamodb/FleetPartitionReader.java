package dev.mcpulse.storage.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads one sort-key prefix (registry entries or snapshots) of the fleet's {@link TableKeys#FLEET_PARTITIONS}
 * partitions: the N Queries run in parallel and their items are merged in sort-key (that is, id) order.
 *
 * <p>Parallel on a small pool of platform threads, one per partition, rather than the async client: the async client
 * needs Netty or the CRT, the heavy HTTP stacks the functions leave out for their cold start, and each of these
 * calls spends its time waiting on the network, not on the Lambda's one or two vCPUs. Threads that sit idle for a
 * minute end, so a warm container keeps none.
 */
final class FleetPartitionReader {

    /** No Limit: DynamoDB's own 1 MB pages, the fewest round trips. */
    static final int DYNAMODB_PAGES = 0;
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Comparator<PartitionCursor> BY_HEAD = Comparator.comparing(PartitionCursor::headSortKey);

    private final DynamoDbClient client;
    private final String tableName;
    private final int pageSize;
    private final ExecutorService threads;

    FleetPartitionReader(DynamoDbClient client, String tableName, int pageSize) {
        this.client = client;
        this.tableName = tableName;
        this.pageSize = pageSize;
        this.threads = partitionThreads();
    }

    private static ExecutorService partitionThreads() {
        String name = "fleet-reader-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(TableKeys.FLEET_PARTITIONS, TableKeys.FLEET_PARTITIONS,
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, name + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Every item of the prefix in id order: each partition is followed page by page (LastEvaluatedKey) on its own
     * thread, then the items are sorted by sort key.
     */
    List<Map<String, AttributeValue>> all(String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        inParallel(TableKeys.fleetPartitions(), partition -> partitionItems(partition, prefix)).forEach(items::addAll);
        items.sort(Comparator.comparing(item -> item.get(TableKeys.SK).s()));
        return items;
    }

    private List<Map<String, AttributeValue>> partitionItems(String partition, String prefix) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", TableKeys.s(partition), ":prefix", TableKeys.s(prefix)));
        if (pageSize > 0) {
            request.limit(pageSize);
        }
        return client.queryPaginator(request.build()).items().stream().toList();
    }

    /**
     * Up to {@code limit} items of one prefix whose sort keys come after {@code after}'s (from the first when
     * empty), in order: a k-way merge. Every partition first reads a chunk of about its expected share of the page
     * (in parallel); the merge then takes the smallest head, and a partition that runs out before the page is full
     * reads its next chunk (only that one: its next item may be the smallest). So a page reads about {@code limit}
     * items plus a margin per partition, never N x limit.
     */
    List<Map<String, AttributeValue>> page(String prefix, Optional<String> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be at least 1, was " + limit);
        }
        int chunk = chunkFor(limit);
        List<PartitionCursor> cursors = TableKeys.fleetPartitions().stream()
                .map(partition -> new PartitionCursor(client, tableName, partition, prefix, after))
                .toList();
        inParallel(cursors, cursor -> {
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

    private <T, R> List<R> inParallel(List<T> inputs, Function<T, R> work) {
        List<Future<R>> futures = inputs.stream().map(input -> threads.submit(() -> work.apply(input))).toList();
        List<R> results = new ArrayList<>(futures.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while reading the fleet partitions", e);
            }
        }
        if (failure != null) {
            // Thrown after every partition's call has ended, so no read outlives the caller's view of the failure.
            throw failure;
        }
        return results;
    }
}
