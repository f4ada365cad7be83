package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Moves what a release before the spread wrote under the one {@code FLEET} partition to {@code FLEET#<k>}: run by
 * the scheduler before each cycle (bounded, so it fits the function's timeout) and by the local runner when it opens
 * a kept table. Idempotent: once the legacy partition is empty a run is one empty Query.
 *
 * <p>Each legacy item is copied on the condition a newer write into its slot would have to beat, so whatever the new
 * release already stored there wins: a registry entry only where none exists (any entry written since the upgrade
 * is newer), a snapshot or superseded marker only where no check or change at or after its own moment is stored.
 * Then the legacy item is deleted — a snapshot only if it is still the one read, so a late write of an old probe
 * still in flight during the upgrade is moved by the next run instead of being lost.
 */
public final class LegacyFleetMigration {

    /** What one run did; {@code done} when the legacy partition was found empty at its end. */
    public record Progress(int copied, int keptNewer, int left, boolean done) {
        public boolean didSomething() {
            return copied + keptNewer > 0;
        }
    }

    private enum Moved { COPIED, KEPT_NEWER, LEFT }

    /** One Query page of legacy items, moved in parallel: 100 items is ~200 writes, well under a second. */
    private static final int PAGE = 100;
    private static final int THREADS = 16;
    /**
     * A fifth of the scheduler's 50 s timeout, leaving the cycle its own time; a larger legacy fleet moves over
     * several cycles (infra/table/README.md, "Migration").
     */
    static final Duration BUDGET_BEFORE_CYCLE = Duration.ofSeconds(10);
    static final int MOST_ITEMS_BEFORE_CYCLE = 50_000;
    private static final Logger LOG = LoggerFactory.getLogger(LegacyFleetMigration.class);

    private final DynamoDbClient client;
    private final String tableName;

    public LegacyFleetMigration(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /** The scheduler's step before a cycle: bounded, logged only when it found legacy items. */
    public Progress runBeforeCycle() {
        Progress progress = run(MOST_ITEMS_BEFORE_CYCLE, BUDGET_BEFORE_CYCLE);
        if (progress.didSomething() || !progress.done()) {
            LOG.atInfo().addKeyValue("copied", progress.copied()).addKeyValue("keptNewer", progress.keptNewer())
                    .addKeyValue("left", progress.left()).addKeyValue("done", progress.done())
                    .log("moved legacy FLEET items to the spread fleet partitions");
        }
        return progress;
    }

    /** Moves everything, however long it takes: for a table opened outside Lambda (the local runner's). */
    public Progress runToCompletion() {
        return run(Integer.MAX_VALUE, Duration.ofDays(1));
    }

    /**
     * Moves legacy items page by page until none is left, {@code maxItems} were handled, or {@code budget} has
     * passed (checked before each page, so a run overshoots it by at most one page's writes).
     */
    public Progress run(int maxItems, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int copied = 0;
        int keptNewer = 0;
        int left = 0;
        Map<String, AttributeValue> start = null;
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            do {
                QueryResponse page = legacyItems(start, Math.min(PAGE, maxItems - copied - keptNewer - left));
                for (Moved moved : inParallel(threads, page.items())) {
                    switch (moved) {
                        case COPIED -> copied++;
                        case KEPT_NEWER -> keptNewer++;
                        case LEFT -> left++;
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null && copied + keptNewer + left < maxItems && System.nanoTime() < deadline);
        } finally {
            threads.shutdownNow();
        }
        return new Progress(copied, keptNewer, left, legacyItems(null, 1).items().isEmpty());
    }

    private QueryResponse legacyItems(Map<String, AttributeValue> start, int limit) {
        return client.query(b -> b.tableName(tableName)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", TableKeys.s(TableKeys.LEGACY_FLEET)))
                .consistentRead(true)
                .exclusiveStartKey(start)
                .limit(Math.max(1, limit)));
    }

    private List<Moved> inParallel(ExecutorService threads, List<Map<String, AttributeValue>> items) {
        List<Future<Moved>> futures = items.stream().map(item -> threads.submit(() -> move(item))).toList();
        List<Moved> results = new ArrayList<>();
        for (Future<Moved> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while moving legacy fleet items", e);
            }
        }
        return results;
    }

    private Moved move(Map<String, AttributeValue> legacy) {
        String sk = legacy.get(TableKeys.SK).s();
        Optional<LegacySlot> slot = LegacySlot.of(sk, legacy);
        if (slot.isEmpty()) {
            return Moved.LEFT; // not an item kind the legacy layout had: left for a person to look at
        }
        Map<String, AttributeValue> copy = new HashMap<>(legacy);
        copy.put(TableKeys.PK, TableKeys.s(TableKeys.fleetPartition(slot.get().id())));
        Moved moved;
        try {
            client.putItem(b -> b.tableName(tableName).item(copy)
                    .conditionExpression(slot.get().copyCondition())
                    .expressionAttributeValues(slot.get().copyValues()));
            moved = Moved.COPIED;
        } catch (ConditionalCheckFailedException newerStored) {
            moved = Moved.KEPT_NEWER;
        }
        try {
            client.deleteItem(b -> b.tableName(tableName).key(TableKeys.key(TableKeys.LEGACY_FLEET, sk))
                    .conditionExpression(slot.get().unchangedCondition())
                    .expressionAttributeValues(slot.get().unchangedValues()));
            return moved;
        } catch (ConditionalCheckFailedException rewritten) {
            return Moved.LEFT; // an old probe wrote it again meanwhile: the next run moves the newer one
        }
    }

    /** Where a legacy item goes, and the conditions of its copy and of its deletion. */
    private record LegacySlot(EndpointId id, Optional<String> moment, Optional<String> momentAttribute) {

        static Optional<LegacySlot> of(String sk, Map<String, AttributeValue> item) {
            if (sk.startsWith(TableKeys.ENDPOINT_PREFIX)) {
                return EndpointId.parse(sk.substring(TableKeys.ENDPOINT_PREFIX.length()))
                        .map(id -> new LegacySlot(id, Optional.empty(), Optional.empty()));
            }
            if (sk.startsWith(TableKeys.SNAPSHOT_PREFIX)) {
                // A snapshot's moment is its check; a superseded marker's, its change.
                String attribute = item.containsKey(SnapshotItemMapper.CHECKED_AT) ? SnapshotItemMapper.CHECKED_AT
                        : item.containsKey(SnapshotItemMapper.SUPERSEDED_AT) ? SnapshotItemMapper.SUPERSEDED_AT : null;
                if (attribute == null || item.get(attribute).s() == null) {
                    return Optional.empty();
                }
                return EndpointId.parse(sk.substring(TableKeys.SNAPSHOT_PREFIX.length()))
                        .map(id -> new LegacySlot(id, Optional.of(item.get(attribute).s()), Optional.of(attribute)));
            }
            return Optional.empty();
        }

        String copyCondition() {
            return moment.isEmpty() ? "attribute_not_exists(pk)" : DynamoDbSnapshotStore.NEWER_THAN_STORED;
        }

        Map<String, AttributeValue> copyValues() {
            return moment.map(m -> Map.of(":checkedAt", TableKeys.s(m))).orElse(null);
        }

        String unchangedCondition() {
            return moment.isEmpty() ? "attribute_exists(pk)" : momentAttribute.get() + " = :moment";
        }

        Map<String, AttributeValue> unchangedValues() {
            return moment.map(m -> Map.of(":moment", TableKeys.s(m))).orElse(null);
        }
    }
}
