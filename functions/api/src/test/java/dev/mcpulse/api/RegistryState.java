package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a rejected request could have changed, read back through the ports from DynamoDB Local: every registry
 * entry, and each one's latest snapshot and recent history. Two states compare equal only if nothing changed.
 */
record RegistryState(List<Endpoint> endpoints, Map<String, Optional<HealthSnapshot>> latest,
                     Map<String, List<HistoryEntry>> history) {

    static RegistryState of(ApiHarness api) {
        List<Endpoint> endpoints = api.bean(EndpointRegistry.class).list();
        SnapshotStore snapshots = api.bean(SnapshotStore.class);
        Map<String, Optional<HealthSnapshot>> latest = new LinkedHashMap<>();
        Map<String, List<HistoryEntry>> history = new LinkedHashMap<>();
        var stored = snapshots.latest(endpoints.stream().map(Endpoint::id).toList());
        for (Endpoint endpoint : endpoints) {
            latest.put(endpoint.id().value(), Optional.ofNullable(stored.get(endpoint.id())));
            history.put(endpoint.id().value(), snapshots.history(endpoint.id(), 10));
        }
        return new RegistryState(endpoints, latest, history);
    }
}
