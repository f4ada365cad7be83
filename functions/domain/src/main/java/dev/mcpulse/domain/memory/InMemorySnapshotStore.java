package dev.mcpulse.domain.memory;

import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.HealthSnapshot;
import dev.mcpulse.domain.HistoryEntry;
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

/** Snapshots and history in memory, with the same newer-wins rule as the DynamoDB store. */
public final class InMemorySnapshotStore implements SnapshotStore {

    private final Map<EndpointId, HealthSnapshot> latest = new ConcurrentHashMap<>();
    private final Map<EndpointId, ConcurrentSkipListMap<Instant, HistoryEntry>> history = new ConcurrentHashMap<>();

    @Override
    public synchronized PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
        Optional<Instant> stored = Optional.ofNullable(latest.get(next.endpointId())).map(HealthSnapshot::checkedAt);
        if (stored.isPresent() && !stored.get().isBefore(next.checkedAt())) {
            return PutResult.DROPPED_NOT_NEWER;
        }
        if (!stored.equals(basedOn)) {
            return PutResult.PREVIOUS_CHANGED;
        }
        latest.put(next.endpointId(), next);
        return PutResult.WRITTEN;
    }

    @Override
    public Optional<HealthSnapshot> latest(EndpointId id) {
        return Optional.ofNullable(latest.get(id));
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
    public synchronized void deleteAll(EndpointId id) {
        latest.remove(id);
        history.remove(id);
    }
}
