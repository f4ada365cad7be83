package dev.mcpulse.domain.memory;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Snapshots and history in memory, with the same newer-wins and superseded rules as the DynamoDB store, and the same
 * confirmations: a batch's check that confirms the stored snapshot is credited to it while it stays stored (no
 * batches are needed in memory: the newest confirming check per endpoint is kept).
 */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final Map<EndpointId, HealthSnapshot> latest = new ConcurrentHashMap<>();
    private final Map<EndpointId, ConcurrentSkipListMap<Instant, HistoryEntry>> history = new ConcurrentHashMap<>();
    /** When each superseded entry's target last changed: checks made before then are refused. */
    private final Map<EndpointId, Instant> supersededAt = new ConcurrentHashMap<>();
    /** The newest check that confirmed each endpoint's snapshot, and the snapshot time it confirmed. */
    private final Map<EndpointId, BatchedCheck> confirmations = new ConcurrentHashMap<>();

    @Override
    public synchronized PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
        Instant superseded = supersededAt.get(next.endpointId());
        if (superseded != null && !superseded.isBefore(next.checkedAt())) {
            return PutResult.DROPPED_SUPERSEDED;
        }
        Optional<Instant> stored = Optional.ofNullable(latest.get(next.endpointId())).map(HealthSnapshot::checkedAt);
        if (stored.isPresent() && !stored.get().isBefore(next.checkedAt())) {
            return PutResult.DROPPED_NOT_NEWER;
        }
        if (!stored.equals(basedOn)) {
            return PutResult.PREVIOUS_CHANGED;
        }
        latest.put(next.endpointId(), next);
        supersededAt.remove(next.endpointId());
        return PutResult.WRITTEN;
    }

    @Override
    public Optional<HealthSnapshot> latest(EndpointId id) {
        return Optional.ofNullable(latest.get(id)).map(stored -> Optional.ofNullable(confirmations.get(id))
                .filter(check -> check.confirmsExactly(stored))
                .map(check -> stored.confirmedBy(check.confirming()))
                .orElse(stored));
    }

    @Override
    public boolean keepsCheckBatches() {
        return true;
    }

    @Override
    public void appendChecks(CheckBatch batch) {
        for (BatchedCheck check : batch.checks()) {
            appendHistory(check.check());
            if (check.confirms().isPresent()) {
                confirmations.merge(check.check().endpointId(), check, (was, now) ->
                        now.check().checkedAt().isAfter(was.check().checkedAt())
                                && !now.confirms().get().isBefore(was.confirms().get()) ? now : was);
            }
        }
    }

    @Override
    public Map<EndpointId, HealthSnapshot> latest(Collection<EndpointId> ids) {
        Map<EndpointId, HealthSnapshot> found = new HashMap<>();
        ids.forEach(id -> latest(id).ifPresent(s -> found.put(id, s)));
        return found;
    }

    @Override
    public void appendHistory(HistoryEntry entry) {
        history.computeIfAbsent(entry.endpointId(), id -> new ConcurrentSkipListMap<>(Comparator.reverseOrder()))
                .put(entry.checkedAt(), entry);
    }

    @Override
    public List<HistoryEntry> history(EndpointId id, int limit) {
        var entries = history.get(id);
        return entries == null ? List.of() : entries.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void supersede(EndpointId id, Instant at) {
        HealthSnapshot stored = latest.get(id);
        if (stored == null || stored.checkedAt().isBefore(at)) {
            latest.remove(id);
            supersededAt.merge(id, at, (was, now) -> now.isAfter(was) ? now : was);
        }
        var entries = history.get(id);
        if (entries != null) {
            entries.keySet().removeIf(checkedAt -> checkedAt.isBefore(at));
        }
    }
}
