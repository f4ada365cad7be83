package dev.mcpulse.domain.port;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The latest snapshot per endpoint (newer wins) and the per-check history. Infrastructure faults throw, so that
 * a Lambda invocation fails and is retried; they are never swallowed.
 */
public interface SnapshotStore {

    enum PutResult {
        WRITTEN,
        /** The stored snapshot is as new or newer: this one is dropped, fresher truth stays. */
        DROPPED_NOT_NEWER,
        /** The stored snapshot is older but is not the one this was computed from: recompute and try again. */
        PREVIOUS_CHANGED,
        /**
         * The check was made before the entry's target changed or the entry was deleted ({@link #supersede}): it
         * describes a server the entry no longer names, so it is dropped, never retried.
         */
        DROPPED_SUPERSEDED,
        /**
         * Never returned by a store: the check found nothing an operator sees changed, so no write was sent; the
         * check's batch entry confirms the stored snapshot instead ({@link #appendChecks}).
         */
        UNCHANGED
    }

    /**
     * Whether this store keeps check batches and credits their confirming checks to the snapshots it returns
     * ({@link HealthSnapshot#confirmedBy()}). Only then may a check leave an unchanged snapshot unwritten.
     */
    default boolean keepsCheckBatches() {
        return false;
    }

    /**
     * Stores one shard's checks of one cycle: their history, and each confirming check, credited to the stored
     * snapshot by {@link #latest} while that snapshot is the one it confirms. Idempotent. A store without batches
     * keeps the history items only.
     */
    default void appendChecks(CheckBatch batch) {
        appendHistory(batch.checks().stream().map(BatchedCheck::check).toList());
    }

    /**
     * Writes {@code next} only if it is newer than the stored snapshot and the stored snapshot is still the one
     * checked at {@code basedOn} (empty: none was stored), so back-off counters never skip a check.
     */
    PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn);

    /** The stored snapshot, with the newest check that confirmed exactly it, where the store keeps batches. */
    Optional<HealthSnapshot> latest(EndpointId id);

    /** The latest snapshots of these endpoints (missing ones are absent from the map), confirmed as by latest(id). */
    Map<EndpointId, HealthSnapshot> latest(Collection<EndpointId> ids);

    /**
     * As {@link #latest(Collection)}, for a run of registry entries in id order, as a page reads them: no other entry's
     * id lies between the first and the last of {@code ids}. A store may then read the range of keys they span
     * rather than each key (a page's snapshots cost DynamoDB half a read unit each when asked for by key, and about
     * a sixth of that when read as one range). Only the cost depends on that: the result is the same for any ids.
     */
    default Map<EndpointId, HealthSnapshot> latestOfRun(List<EndpointId> ids) {
        return latest(ids);
    }

    /**
     * As {@link #latest(Collection)}, for the whole fleet's endpoints when the caller is still reading which they
     * are: a store that reads every snapshot at once reads them before it asks {@code ids} (which may block until the
     * caller's own read ends, and whose failure is thrown on unchanged), then keeps only theirs. The scheduler reads
     * the registry meanwhile: at 100,000 endpoints each read takes seconds (docs/benchmarks.md, B7).
     */
    default Map<EndpointId, HealthSnapshot> latestOfFleet(Supplier<? extends Collection<EndpointId>> ids) {
        return latest(ids.get());
    }

    /** Idempotent: the same endpoint and checkedAt is one item. */
    void appendHistory(HistoryEntry entry);

    /**
     * Appends many history items, in as few requests as the store allows (a shard's checks at once). Throws if
     * any could not be stored; those that were stay (appending is idempotent, so the call can be repeated).
     */
    default void appendHistory(List<HistoryEntry> entries) {
        entries.forEach(this::appendHistory);
    }

    /** Newest first: the checks of the history items and of the check batches together, each once. */
    List<HistoryEntry> history(EndpointId id, int limit);

    /**
     * The checks made after {@code after}, newest first, at most {@code limit}: what a chart that holds the history up
     * to its check at {@code after} lacks. Empty when the check made at {@code after} is no longer in the newest
     * {@code limit + 1} of this endpoint's history (superseded, deleted, expired, or more than {@code limit} checks
     * since): the caller's history has ended, and it reads the whole of it again ({@link #history}). A store may read
     * only what is newer (an open dashboard asks this once per row and check).
     */
    default Optional<List<HistoryEntry>> historyAfter(EndpointId id, int limit, Instant after) {
        List<HistoryEntry> recent = history(id, limit + 1);
        for (int i = 0; i < recent.size(); i++) {
            if (recent.get(i).checkedAt().equals(after)) {
                return Optional.of(recent.subList(0, i));
            }
        }
        return Optional.empty();
    }

    /**
     * The entry was deleted, or its target (URL, transport, auth, readiness tool) changed, at {@code at}: what was
     * checked before then describes a server the entry no longer names. Drops the snapshot and history checked
     * before {@code at}, and from now on refuses ({@link PutResult#DROPPED_SUPERSEDED}) a snapshot checked before
     * it: a probe in flight across the change cannot write the old target's health under the entry, nor leave an
     * orphan behind a delete. A snapshot checked after {@code at} is kept.
     */
    void supersede(EndpointId id, Instant at);
}
