package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Check batches: one item per probe shard and cycle ({@link CheckBatchItemMapper}), written by the probe, read back
 * for two things: the newest check that confirmed each stored snapshot (in the latest {@value #CONFIRMING_CYCLES}
 * cycles: the latest may still be in flight), and the history of one endpoint (merged with its own history items,
 * which "check now" and shards without batches still write).
 */
final class CheckBatches {

    /** The cycles whose batches may hold a snapshot's confirmation: the latest one may not have run yet. */
    static final int CONFIRMING_CYCLES = 2;
    /**
     * The most cycles one history read walks per check asked for: an endpoint in back-off (30 min) or with an hourly
     * cadence is checked every 6 to 12 cycles of 5 minutes. Bounds what a paused or deleted endpoint's history costs.
     */
    static final int CYCLES_WALKED_PER_CHECK = 12;
    /**
     * How long before a stored snapshot a cycle may have started and still hold a check made after it: a shard
     * waits out its jitter delay, and its invocation may be retried, after the cycle started (5 minutes of
     * jitter at most and a 60 s invocation, with room).
     */
    static final Duration CYCLE_SLACK = Duration.ofMinutes(15);

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration timeToLive;
    private final RecentCycles cycles;
    private final BatchReader reader;

    /** {@code cycles}: the recent cycles, shared with the process's cycle log (see {@link RecentCycles}). */
    CheckBatches(DynamoDbClient client, String tableName, Duration timeToLive, BatchWriter.RetryPause pause,
                 RecentCycles cycles) {
        this.client = client;
        this.tableName = tableName;
        this.timeToLive = timeToLive;
        this.cycles = cycles;
        this.reader = new BatchReader(client, tableName, pause);
    }

    /**
     * One write per shard and cycle. A retried shard's batch replaces the first attempt's (same key): the checks of
     * the attempt that failed are then no part of the history.
     */
    void write(CheckBatch batch) {
        client.putItem(b -> b.tableName(tableName).item(CheckBatchItemMapper.toItem(batch, timeToLive)));
    }

    /**
     * The stored snapshots, each with the newest check of the batches that confirmed exactly it. Cycles are read newest
     * first, {@value #CONFIRMING_CYCLES} at a time (the latest may still be in flight), and an endpoint is looked for
     * only until its newest check is found: for an endpoint checked every cycle, the latest two cycles. One in back-off
     * or with a longer cadence is looked for further back, but never in a cycle that started more than
     * {@link #CYCLE_SLACK} before its stored snapshot (no check there can confirm it; and the hourly heartbeat keeps
     * a stored snapshot younger than an hour, so few cycles are ever read).
     */
    Map<EndpointId, HealthSnapshot> confirm(Map<EndpointId, HealthSnapshot> stored) {
        Map<EndpointId, HealthSnapshot> confirmed = new HashMap<>(stored);
        if (stored.isEmpty()) {
            return confirmed;
        }
        Instant oldest = stored.values().stream().map(HealthSnapshot::checkedAt).min(Comparator.naturalOrder())
                .orElseThrow();
        Map<EndpointId, HealthSnapshot> pending = new HashMap<>(stored);
        Iterator<RecentCycles.Cycle> walk = cycles.since(oldest.minus(CYCLE_SLACK)).iterator();
        while (walk.hasNext() && !pending.isEmpty()) {
            List<RecentCycles.Cycle> round = new ArrayList<>(CONFIRMING_CYCLES);
            while (walk.hasNext() && round.size() < CONFIRMING_CYCLES) {
                round.add(walk.next());
            }
            Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
            for (RecentCycles.Cycle cycle : round) {
                pending.forEach((id, snapshot) -> {
                    if (!cycle.startedAt().isBefore(snapshot.checkedAt().minus(CYCLE_SLACK))) {
                        keys.add(CheckBatchItemMapper.key(cycle.startedAt(), id.bucket(cycle.shardCount())));
                    }
                });
            }
            if (keys.isEmpty()) {
                break;
            }
            Set<EndpointId> settled = new HashSet<>();
            for (Map<String, AttributeValue> item : reader.read(List.copyOf(keys))) {
                CheckBatchItemMapper.fromItem(item).forEach((id, check) -> {
                    HealthSnapshot snapshot = pending.get(id);
                    if (snapshot == null) {
                        return;
                    }
                    if (check.confirmsExactly(snapshot)) {
                        HealthSnapshot current = confirmed.get(id);
                        if (current.confirmedBy().map(known -> check.check().checkedAt().isAfter(known.checkedAt()))
                                .orElse(true)) {
                            confirmed.put(id, snapshot.confirmedBy(check.confirming()));
                        }
                        settled.add(id);
                    } else if (!check.check().checkedAt().isAfter(snapshot.checkedAt())) {
                        settled.add(id); // the check that wrote the stored snapshot, or an older one: nothing beyond
                    }
                });
            }
            settled.forEach(pending::remove);
        }
        return confirmed;
    }

    /**
     * The newest {@code limit} checks of one endpoint: {@code ownItems} (its history items, newest first, at most
     * {@code limit}) merged with its entries in the batches of the recent cycles, each check once, none made before
     * {@code since} (a change of the entry's target: batches are shared, so their entries are filtered, not deleted).
     * Cycles are walked newest first until the {@code limit}-th check is newer than every cycle not yet read.
     */
    List<HistoryEntry> history(EndpointId id, int limit, List<HistoryEntry> ownItems, Optional<Instant> since) {
        TreeMap<Instant, HistoryEntry> merged = new TreeMap<>(Comparator.reverseOrder());
        ownItems.forEach(entry -> merged.put(entry.checkedAt(), entry));
        int chunk = Math.min(BatchReader.MAX_BATCH, Math.max(limit + 1, CONFIRMING_CYCLES));
        Iterator<RecentCycles.Cycle> walk = cycles.newestFirst(chunk, Instant.EPOCH)
                .limit((long) limit * CYCLES_WALKED_PER_CHECK).iterator();
        while (walk.hasNext()) {
            List<RecentCycles.Cycle> read = new ArrayList<>(chunk);
            while (walk.hasNext() && read.size() < chunk) {
                read.add(walk.next());
            }
            readChecks(id, read, since, merged);
            Instant oldestRead = read.getLast().startedAt();
            if (merged.size() >= limit && !merged.values().stream().skip(limit - 1).findFirst().orElseThrow()
                    .checkedAt().isBefore(oldestRead)) {
                break;
            }
        }
        return merged.values().stream().limit(limit).toList();
    }

    /**
     * The checks made after the one at {@code after}, newest first, while that check is still in the history and no
     * more than {@code limit} were made since: {@code ownItems} (its history items from {@code after} on) merged with
     * its entries in the batches of the cycles started at most {@link #CYCLE_SLACK} before {@code after} (the cycle
     * that made it among them) or since, none made before {@code since}. Empty otherwise: the caller reads the whole
     * history. A few read units, where the whole history reads twenty (docs/cost.md).
     */
    Optional<List<HistoryEntry>> historyAfter(EndpointId id, int limit, List<HistoryEntry> ownItems,
                                              Optional<Instant> since, Instant after) {
        TreeMap<Instant, HistoryEntry> merged = new TreeMap<>(Comparator.reverseOrder());
        ownItems.stream().filter(entry -> notBefore(since, entry))
                .forEach(entry -> merged.put(entry.checkedAt(), entry));
        List<RecentCycles.Cycle> read = cycles.newestFirst(BatchReader.MAX_BATCH, after.minus(CYCLE_SLACK))
                .limit(BatchReader.MAX_BATCH + 1L).toList();
        if (read.size() > BatchReader.MAX_BATCH) {
            return Optional.empty(); // more cycles since than one read takes: a chart this old is read again whole
        }
        readChecks(id, read, since, merged);
        if (!merged.containsKey(after)) {
            return Optional.empty();
        }
        List<HistoryEntry> newer = List.copyOf(merged.headMap(after, false).values());
        return newer.size() > limit ? Optional.empty() : Optional.of(newer);
    }

    /** Adds this endpoint's checks in the batches of {@code read} (its bucket's batch of each), none before {@code since}. */
    private void readChecks(EndpointId id, List<RecentCycles.Cycle> read, Optional<Instant> since,
                            Map<Instant, HistoryEntry> merged) {
        List<Map<String, AttributeValue>> keys = read.stream()
                .map(cycle -> CheckBatchItemMapper.key(cycle.startedAt(), id.bucket(cycle.shardCount())))
                .distinct().toList();
        if (keys.isEmpty()) {
            return;
        }
        for (Map<String, AttributeValue> item : reader.read(keys)) {
            CheckBatchItemMapper.entryOf(item, id).map(BatchedCheck::check)
                    .filter(check -> notBefore(since, check))
                    .ifPresent(check -> merged.put(check.checkedAt(), check));
        }
    }

    /** Whether {@code check} was made at or after the history's start ({@code since}), if it has one. */
    private static boolean notBefore(Optional<Instant> since, HistoryEntry check) {
        return since.map(at -> !check.checkedAt().isBefore(at)).orElse(true);
    }
}
