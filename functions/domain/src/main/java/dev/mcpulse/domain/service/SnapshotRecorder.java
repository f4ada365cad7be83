package dev.mcpulse.domain.service;

import dev.mcpulse.domain.BackoffPolicy;
import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.HealthSnapshot;
import dev.mcpulse.domain.HistoryEntry;
import dev.mcpulse.domain.ProbeResult;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
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

    /** What happened to the result, and the snapshot it was compared with and the one now stored. */
    public record Recorded(PutResult result, Optional<HealthSnapshot> previous, Optional<HealthSnapshot> written) {
    }

    public Recorded record(EndpointId id, ProbeResult result, Instant checkedAt, Duration interval,
                           List<String> secretValues) {
        store.appendHistory(new HistoryEntry(id, checkedAt, result.outcome().kind(), result.httpStatus(),
                result.latency().totalMs()));
        for (int attempt = 1; ; attempt++) {
            Optional<HealthSnapshot> previous = store.latest(id);
            HealthSnapshot next = BackoffPolicy.next(previous, id, result, checkedAt, interval, secretValues);
            PutResult put = store.putIfNewer(next, previous.map(HealthSnapshot::checkedAt));
            switch (put) {
                case WRITTEN -> {
                    return new Recorded(put, previous, Optional.of(next));
                }
                case DROPPED_NOT_NEWER -> {
                    return new Recorded(put, previous, Optional.empty());
                }
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
