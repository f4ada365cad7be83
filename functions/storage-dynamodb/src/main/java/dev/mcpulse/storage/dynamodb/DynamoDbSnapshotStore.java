package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Latest snapshots (newer wins, by a conditional write) and per-check history (with a TTL) in DynamoDB.
 * SDK errors that survive the client's retry strategy propagate: a snapshot that cannot be written fails the
 * caller, so the Lambda invocation is retried — never a silent drop.
 */
public final class DynamoDbSnapshotStore implements SnapshotStore {

    public static final Duration DEFAULT_HISTORY_TTL = Duration.ofDays(7);
    /** BatchGetItem's limit; larger requests read the fleet's snapshots with the N partitions' Queries instead. */
    static final int MAX_BATCH_GET = 100;

    /** The stored snapshot must be older than this one (or absent: no item, or a superseded marker)... */
    private static final String NEWER = "(attribute_not_exists(checkedAt) OR checkedAt < :checkedAt)";
    /** ...and still be the one the caller computed from, so back-off counters never skip a check... */
    private static final String BASED_ON_NOTHING = "attribute_not_exists(checkedAt)";
    private static final String BASED_ON_STORED = "checkedAt = :basedOn";
    /** ...and this check must not predate a change of the entry's target (or its deletion). */
    private static final String NOT_SUPERSEDED = "(attribute_not_exists(supersededAt) OR supersededAt < :checkedAt)";
    /** What any write into the snapshot slot must beat: no stored check nor change at or after {@code :checkedAt}. */
    static final String NEWER_THAN_STORED = NEWER + " AND " + NOT_SUPERSEDED;
    /** A superseded marker outlives any probe that was in flight when it was written, then DynamoDB removes it. */
    static final Duration MARKER_TIME_TO_LIVE = Duration.ofDays(1);
    /** A deployment's reads share the recent cycles for this long: they change once per cycle. */
    public static final Duration DEFAULT_CYCLES_KEPT = Duration.ofSeconds(2);

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration historyTimeToLive;
    private final FleetPartitionReader fleet;
    private final BatchWriter batches;
    private final BatchReader reader;
    private final RecentCycles cycles;
    private final CheckBatches checks;
    private final AtomicLong droppedStaleWrites = new AtomicLong();

    public DynamoDbSnapshotStore(DynamoDbClient client, String tableName, Duration historyTimeToLive) {
        this(client, tableName, historyTimeToLive, Duration.ZERO);
    }

    /**
     * {@code cyclesKept}: how long the recent cycles, read to find each snapshot's confirming check, serve the next
     * reads of this store (see {@link RecentCycles}); {@link #DEFAULT_CYCLES_KEPT} for a deployment.
     */
    public DynamoDbSnapshotStore(DynamoDbClient client, String tableName, Duration historyTimeToLive,
                                 Duration cyclesKept) {
        this(client, tableName, historyTimeToLive, FleetPartitionReader.DYNAMODB_PAGES, BatchWriter.RetryPause.DEFAULT,
                cyclesKept);
    }

    DynamoDbSnapshotStore(DynamoDbClient client, String tableName, Duration historyTimeToLive, int pageSize,
                          BatchWriter.RetryPause pause) {
        this(client, tableName, historyTimeToLive, pageSize, pause, Duration.ZERO);
    }

    DynamoDbSnapshotStore(DynamoDbClient client, String tableName, Duration historyTimeToLive, int pageSize,
                          BatchWriter.RetryPause pause, Duration cyclesKept) {
        if (historyTimeToLive.isNegative() || historyTimeToLive.isZero()) {
            throw new IllegalArgumentException("history time to live must be positive, was " + historyTimeToLive);
        }
        this.client = client;
        this.tableName = tableName;
        this.historyTimeToLive = historyTimeToLive;
        this.fleet = new FleetPartitionReader(client, tableName, pageSize);
        this.batches = new BatchWriter(client, tableName, pause);
        this.reader = new BatchReader(client, tableName, pause);
        this.cycles = new RecentCycles(client, tableName, cyclesKept);
        this.checks = new CheckBatches(client, tableName, historyTimeToLive, pause, cycles);
    }

    /**
     * The recent cycles this store reads to find confirming checks: a cycle log of the same process records through
     * them ({@link DynamoDbCycleLog#DynamoDbCycleLog(DynamoDbClient, String, Duration, RecentCycles)}), so this store
     * never keeps a list that misses a cycle recorded here.
     */
    RecentCycles recentCycles() {
        return cycles;
    }

    /** How many late, older snapshots were dropped since this store was built (for a metric). */
    public long droppedStaleWrites() {
        return droppedStaleWrites.get();
    }

    @Override
    public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":checkedAt", s(SortableInstant.format(next.checkedAt())));
        basedOn.ifPresent(b -> values.put(":basedOn", s(SortableInstant.format(b))));
        String condition = NEWER + " AND " + (basedOn.isPresent() ? BASED_ON_STORED : BASED_ON_NOTHING)
                + " AND " + NOT_SUPERSEDED;
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(SnapshotItemMapper.toItem(next))
                    .conditionExpression(condition)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return PutResult.WRITTEN;
        } catch (ConditionalCheckFailedException refused) {
            Map<String, AttributeValue> old = refused.hasItem() && !refused.item().isEmpty() ? refused.item()
                    : storedItem(next.endpointId());
            Optional<Instant> superseded = instant(old, SnapshotItemMapper.SUPERSEDED_AT);
            if (superseded.isPresent() && !superseded.get().isBefore(next.checkedAt())) {
                return PutResult.DROPPED_SUPERSEDED;
            }
            Optional<Instant> stored = instant(old, SnapshotItemMapper.CHECKED_AT);
            if (stored.isPresent() && !stored.get().isBefore(next.checkedAt())) {
                droppedStaleWrites.incrementAndGet();
                return PutResult.DROPPED_NOT_NEWER;
            }
            return PutResult.PREVIOUS_CHANGED;
        }
    }

    /**
     * The snapshot slot as stored (a snapshot, a superseded marker, or empty), read strongly consistent. Also where
     * a failed condition returned no old item: normally nothing is stored, but an emulator that ignores
     * ReturnValuesOnConditionCheckFailure would otherwise turn every DROPPED into an endless PREVIOUS_CHANGED loop
     * for the writer, so the rare case pays one consistent read.
     */
    private Map<String, AttributeValue> storedItem(EndpointId id) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName)
                .key(TableKeys.snapshot(id)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) ? Optional.of(new ItemReader(item).instant(attribute)) : Optional.empty();
    }

    /**
     * Strongly consistent: this is the read a writer computes its next snapshot from. The confirming check comes from
     * the check batches, read eventually consistent (see {@link CheckBatches#confirm}).
     */
    @Override
    public Optional<HealthSnapshot> latest(EndpointId id) {
        return Optional.of(storedItem(id)).filter(SnapshotItemMapper::holdsSnapshot).map(SnapshotItemMapper::fromItem)
                .map(stored -> checks.confirm(Map.of(id, stored)).get(id));
    }

    @Override
    public Map<EndpointId, HealthSnapshot> latest(Collection<EndpointId> ids) {
        return checks.confirm(stored(ids));
    }

    /**
     * A run of more ids than there are fleet partitions is read as the range of snapshot keys from its first id to
     * its last, one Query a partition: billed by the bytes read (rounded up to 4 KB per Query), where BatchGetItem
     * bills half a unit for each item, however small. A page of 100 snapshots costs about 8 units instead of 50.
     * Any other snapshot in the range (an entry deleted since the run was read) is read and left out.
     */
    @Override
    public Map<EndpointId, HealthSnapshot> latestOfRun(List<EndpointId> ids) {
        if (ids.size() <= TableKeys.FLEET_PARTITIONS) {
            return latest(ids);
        }
        Comparator<EndpointId> byKey = Comparator.comparing(EndpointId::value);
        String first = TableKeys.SNAPSHOT_PREFIX + ids.stream().min(byKey).orElseThrow().value();
        String last = TableKeys.SNAPSHOT_PREFIX + ids.stream().max(byKey).orElseThrow().value();
        return checks.confirm(keepOnly(fleet.range(first, last), Set.copyOf(ids)));
    }

    @Override
    public boolean keepsCheckBatches() {
        return true;
    }

    /** One item per shard and cycle: see {@link CheckBatches}. */
    @Override
    public void appendChecks(CheckBatch batch) {
        checks.write(batch);
    }

    /**
     * Every snapshot item of the fleet, read before {@code ids} is asked (the N partitions' Queries, in parallel),
     * then only those of {@code ids}, confirmed. A Query is billed by the bytes it reads, so this costs fewer read
     * units than a BatchGetItem of the same snapshots, whatever the fleet's size.
     */
    @Override
    public Map<EndpointId, HealthSnapshot> latestOfFleet(Supplier<? extends Collection<EndpointId>> ids) {
        List<Map<String, AttributeValue>> items = fleet.all(TableKeys.SNAPSHOT_PREFIX);
        return checks.confirm(keepOnly(items, Set.copyOf(ids.get())));
    }

    private static Map<EndpointId, HealthSnapshot> keepOnly(List<Map<String, AttributeValue>> items,
                                                            Set<EndpointId> wanted) {
        return items.stream()
                .filter(SnapshotItemMapper::holdsSnapshot)
                .map(SnapshotItemMapper::fromItem)
                .filter(snapshot -> wanted.contains(snapshot.endpointId()))
                .collect(Collectors.toMap(HealthSnapshot::endpointId, snapshot -> snapshot));
    }

    private Map<EndpointId, HealthSnapshot> stored(Collection<EndpointId> ids) {
        Set<EndpointId> wanted = Set.copyOf(ids);
        if (wanted.size() > MAX_BATCH_GET) {
            return keepOnly(fleet.all(TableKeys.SNAPSHOT_PREFIX), wanted);
        }
        Map<EndpointId, HealthSnapshot> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        List<Map<String, AttributeValue>> keys = wanted.stream().map(TableKeys::snapshot).toList();
        for (Map<String, AttributeValue> item : reader.read(keys)) {
            if (!SnapshotItemMapper.holdsSnapshot(item)) {
                continue;
            }
            HealthSnapshot snapshot = SnapshotItemMapper.fromItem(item);
            found.put(snapshot.endpointId(), snapshot);
        }
        return found;
    }

    @Override
    public void appendHistory(HistoryEntry entry) {
        client.putItem(b -> b.tableName(tableName).item(HistoryItemMapper.toItem(entry, historyTimeToLive)));
    }

    /** BatchWriteItem, 25 items a request: a shard's history in one request instead of one per check. */
    @Override
    public void appendHistory(List<HistoryEntry> entries) {
        batches.write(entries.stream()
                .map(entry -> WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(HistoryItemMapper.toItem(entry, historyTimeToLive)).build()).build())
                .toList());
    }

    @Override
    public List<HistoryEntry> history(EndpointId id, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("history limit must not be negative, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        // The history start marker, where the entry's target changed, sorts before every check (newest first).
        OwnHistory own = OwnHistory.of(historyItems(id, limit + 1, false, HistoryRange.ALL, Optional.empty())
                .limit(limit + 1L).toList());
        return checks.history(id, limit, own.checks().stream().limit(limit).toList(), own.since());
    }

    /**
     * The checks after {@code after}, read as only what is newer: the endpoint's history items from {@code after} on
     * (the history start marker sorts after every check, so it comes with them) and the check batches of the cycles
     * since ({@link CheckBatches#historyAfter}). An open dashboard asks this for a row's chart once per check.
     */
    @Override
    public Optional<List<HistoryEntry>> historyAfter(EndpointId id, int limit, Instant after) {
        if (limit < 1) {
            throw new IllegalArgumentException("history limit must be positive, was " + limit);
        }
        // the checks since, the one at after, and the history start marker: one more is more checks than asked for
        OwnHistory own = OwnHistory.of(historyItems(id, limit + 2, false, HistoryRange.FROM, Optional.of(after))
                .limit(limit + 2L).toList());
        return checks.historyAfter(id, limit, own.checks(), own.since(), after);
    }

    /** An endpoint's history items as read: its checks, and where its history starts if its target changed. */
    private record OwnHistory(List<HistoryEntry> checks, Optional<Instant> since) {

        static OwnHistory of(List<Map<String, AttributeValue>> items) {
            Optional<Instant> since = items.stream().filter(HistoryItemMapper::isHistoryStart).findFirst()
                    .map(item -> new ItemReader(item).instant(HistoryItemMapper.SUPERSEDED_AT));
            return new OwnHistory(items.stream().filter(item -> !HistoryItemMapper.isHistoryStart(item))
                    .map(HistoryItemMapper::fromItem).toList(), since);
        }
    }

    /** Which of an endpoint's history items a Query reads: all, those before an instant, or those from it on. */
    private enum HistoryRange {
        ALL("pk = :pk"), BEFORE("pk = :pk AND sk < :at"), FROM("pk = :pk AND sk >= :at");

        final String keyCondition;

        HistoryRange(String keyCondition) {
            this.keyCondition = keyCondition;
        }
    }

    /** The history partition newest first, as much of it as {@code range} says ({@code at}: its instant). */
    private Stream<Map<String, AttributeValue>> historyItems(EndpointId id, int pageSize, boolean keysOnly,
                                                             HistoryRange range, Optional<Instant> at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(TableKeys.historyPartition(id)));
        at.ifPresent(instant -> values.put(":at", s(SortableInstant.format(instant))));
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression(range.keyCondition)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(pageSize);
        if (keysOnly) {
            request.projectionExpression("pk, sk");
        }
        return client.queryPaginator(request.build()).items().stream();
    }

    /**
     * The snapshot slot becomes a marker ({@code supersededAt}, no health) on the snapshot write's own condition,
     * with the change as its moment: unless a check made after {@code at}, or a later marker, is already stored.
     * Then the history checked before {@code at} is deleted. The marker makes a late write of an older check fail in
     * DynamoDB itself, so no read-then-write race is left open.
     */
    @Override
    public void supersede(EndpointId id, Instant at) {
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(SnapshotItemMapper.supersededMarker(id, at, at.plus(MARKER_TIME_TO_LIVE)))
                    .conditionExpression(NEWER_THAN_STORED)
                    .expressionAttributeValues(Map.of(":checkedAt", s(SortableInstant.format(at)))));
        } catch (ConditionalCheckFailedException newerStored) {
            // A check made after the change (it describes the new target), or a later change, is stored: keep it.
        }
        try {
            client.putItem(b -> b.tableName(tableName)
                    .item(HistoryItemMapper.historyStart(id, at, historyTimeToLive))
                    .conditionExpression("attribute_not_exists(supersededAt) OR supersededAt < :at")
                    .expressionAttributeValues(Map.of(":at", s(SortableInstant.format(at)))));
        } catch (ConditionalCheckFailedException laterChangeKept) {
            // A later change of the target is already the history's start.
        }
        List<WriteRequest> deletes = historyItems(id, 1000, true, HistoryRange.BEFORE, Optional.of(at))
                .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                .toList();
        batches.write(deletes);
    }
}
