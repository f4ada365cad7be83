package dev.mcpulse.api;

import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Registry changes made through the API. When an entry's probe target changes (URL, transport, auth or readiness
 * tool), its snapshot and history are dropped: they describe another server, and showing them under the new
 * target would claim a health nobody has checked. Name, labels, timeout and pausing keep the history.
 */
@Singleton
final class RegistryAdmin {

    private final EndpointRegistry registry;
    private final SnapshotStore snapshots;

    RegistryAdmin(EndpointRegistry registry, SnapshotStore snapshots) {
        this.registry = registry;
        this.snapshots = snapshots;
    }

    /** @return true when the entry is new. */
    boolean put(Endpoint endpoint) {
        Optional<Endpoint> before = registry.get(endpoint.id());
        registry.put(endpoint);
        before.filter(b -> targetChanged(b, endpoint)).ifPresent(b -> snapshots.deleteAll(endpoint.id()));
        return before.isEmpty();
    }

    ImportPayload importAll(List<Endpoint> endpoints) {
        Map<EndpointId, Endpoint> before = registry.list().stream()
                .collect(Collectors.toMap(Endpoint::id, Function.identity()));
        registry.putAll(endpoints);
        List<String> created = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Endpoint previous = before.get(endpoint.id());
            if (previous == null) {
                created.add(endpoint.id().value());
            } else {
                replaced.add(endpoint.id().value());
                if (targetChanged(previous, endpoint)) {
                    snapshots.deleteAll(endpoint.id());
                }
            }
        }
        return new ImportPayload(endpoints.size(), created, replaced);
    }

    /** @return true when an entry was removed; its snapshot and history go with it either way. */
    boolean delete(EndpointId id) {
        boolean removed = registry.delete(id);
        snapshots.deleteAll(id);
        return removed;
    }

    private static boolean targetChanged(Endpoint before, Endpoint after) {
        return !before.url().equals(after.url())
                || before.transport() != after.transport()
                || !before.auth().equals(after.auth())
                || !Objects.equals(before.readiness().map(r -> r.tool()), after.readiness().map(r -> r.tool()));
    }
}
