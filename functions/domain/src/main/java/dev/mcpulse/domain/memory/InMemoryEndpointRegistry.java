package dev.mcpulse.domain.memory;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The registry in memory: the reference implementation the port's contract tests also run against. */
public final class InMemoryEndpointRegistry implements EndpointRegistry {

    private final ConcurrentSkipListMap<EndpointId, Endpoint> endpoints = new ConcurrentSkipListMap<>();

    @Override
    public void put(Endpoint endpoint) {
        endpoints.put(endpoint.id(), endpoint);
    }

    @Override
    public synchronized void putAll(List<Endpoint> all) {
        all.forEach(this::put);
    }

    @Override
    public boolean delete(EndpointId id) {
        return endpoints.remove(id) != null;
    }

    @Override
    public Optional<Endpoint> get(EndpointId id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    @Override
    public List<Endpoint> list() {
        return List.copyOf(endpoints.values());
    }

    @Override
    public List<Endpoint> page(String idPrefix, Optional<EndpointId> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be at least 1, was " + limit);
        }
        var rest = after.map(id -> endpoints.tailMap(id, false)).orElse(endpoints);
        return rest.values().stream().filter(e -> e.id().value().startsWith(idPrefix)).limit(limit).toList();
    }
}
