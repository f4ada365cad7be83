package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.VisibleChange;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores one probe result: the next snapshot is computed from the stored one (back-off and auth counters) and
 * written only if it is newer and the stored one did not change meanwhile; otherwise it is recomputed. A result
 * older than the stored snapshot is dropped, but its history item is still kept: the check did happen.
 */
public final class SnapshotRecorder {

    /** Concurrent writers for one endpoint are rare (a retried invocation, "check now"): a few rounds suffice. */
    private static final int MAX_ATTEMPTS = 8;

    private final SnapshotStore store;

    public SnapshotRecorder(SnapshotStore store) {
        this.store = store;
    }

    /**
     * What happened to the result, and the snapshot it was compared with and the one now stored. {@code confirms}:
     * when nothing an operator sees changed and no write was sent ({@link PutResult#UNCHANGED}), the checkedAt of the
     * stored snapshot the check confirms.
     */
    public record Recorded(PutResult result, Optional<HealthSnapshot> previous, Optional<HealthSnapshot> written,
                           Optional<Instant> confirms) {

        public Recorded(PutResult result, Optional<HealthSnapshot> previous, Optional<HealthSnapshot> written) {
            this(result, previous, written, Optional.empty());
        }
    }

    public Recorded record(EndpointId id, ProbeResult result, Instant checkedAt, Duration interval,
                           List<String> secretValues) {
        store.appendHistory(history(id, result, checkedAt));
        return writeSnapshot(id, result, checkedAt, interval, secretValues, store.latest(id));
    }

    /** The history item of one check. */
    public static HistoryEntry history(EndpointId id, ProbeResult result, Instant checkedAt) {
        return new HistoryEntry(id, checkedAt, result.outcome().kind(), result.httpStatus(), result.latency().totalMs());
    }

    /**
     * Writes the snapshot only (the caller appends the history). The first attempt is computed from
     * {@code readBefore}, the stored snapshot as read earlier — possibly in a batch, possibly stale: the
     * conditional write refuses a stale one, and the next attempts read the store again.
     */
    public Recorded writeSnapshot(EndpointId id, ProbeResult result, Instant checkedAt, Duration interval,
                                  List<String> secretValues, Optional<HealthSnapshot> readBefore) {
        return writeSnapshot(id, result, checkedAt, interval, secretValues, readBefore, false);
    }

    /**
     * As above; with {@code mayConfirm} (the check goes into a check batch that the store keeps), a check that finds
     * nothing an operator sees changed ({@link VisibleChange}) sends no write and confirms the stored snapshot.
     */
    public Recorded writeSnapshot(EndpointId id, ProbeResult result, Instant checkedAt, Duration interval,
                                  List<String> secretValues, Optional<HealthSnapshot> readBefore, boolean mayConfirm) {
        Optional<HealthSnapshot> previous = readBefore;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                previous = store.latest(id);
            }
            HealthSnapshot next = BackoffPolicy.next(previous, id, result, checkedAt, interval, secretValues);
            if (mayConfirm && previous.isPresent() && !VisibleChange.mustWrite(previous.get(), next)) {
                // Computed from an early read, possibly outdated: a confirmation of a snapshot no longer stored is
                // credited to nothing (the reader matches it against the stored checkedAt), so nothing false is said.
                return new Recorded(PutResult.UNCHANGED, previous, Optional.empty(),
                        Optional.of(previous.get().checkedAt()));
            }
            PutResult put = store.putIfNewer(next, previous.map(HealthSnapshot::checkedAt));
            switch (put) {
                case WRITTEN -> {
                    return new Recorded(put, previous, Optional.of(next));
                }
                case DROPPED_NOT_NEWER -> {
                    // The caller reports the status from the snapshot that stays: read it, if ours was an early read.
                    return new Recorded(put, attempt == 1 ? store.latest(id) : previous, Optional.empty());
                }
                case DROPPED_SUPERSEDED -> {
                    // Probed for a target the entry no longer names: whatever is stored now is about the new one.
                    return new Recorded(put, store.latest(id), Optional.empty());
                }
                case UNCHANGED -> throw new IllegalStateException("a store returned " + put + " for a write");
                case PREVIOUS_CHANGED -> {
                    if (attempt == MAX_ATTEMPTS) {
                        throw new IllegalStateException("snapshot of " + id + " kept changing under "
                                + MAX_ATTEMPTS + " attempts to write it");
                    }
                }
            }
        }
    }
}
