package dev.mcpulse.domain.port;

import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.HealthSnapshot;
import dev.mcpulse.domain.HistoryEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        PREVIOUS_CHANGED
    }

    /**
     * Writes {@code next} only if it is newer than the stored snapshot and the stored snapshot is still the one
     * checked at {@code basedOn} (empty: none was stored), so back-off counters never skip a check.
     */
    PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn);

    Optional<HealthSnapshot> latest(EndpointId id);

    /** The latest snapshots of these endpoints (missing ones are absent from the map). */
    Map<EndpointId, HealthSnapshot> latest(Collection<EndpointId> ids);

    /** Idempotent: the same endpoint and checkedAt is one item. */
    void appendHistory(HistoryEntry entry);

    /**
     * Appends many history items, in as few requests as the store allows (a shard's checks at once). Throws if
     * any could not be stored; those that were stay (appending is idempotent, so the call can be repeated).
     */
    default void appendHistory(List<HistoryEntry> entries) {
        entries.forEach(this::appendHistory);
    }

    /** Newest first. */
    List<HistoryEntry> history(EndpointId id, int limit);

    /** Removes the snapshot and history of a deleted endpoint. */
    void deleteAll(EndpointId id);
}
