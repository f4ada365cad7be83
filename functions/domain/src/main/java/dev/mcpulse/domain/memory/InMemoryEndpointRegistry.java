package dev.mcpulse.domain.memory;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The registry in memory: the reference implementation the port's contract tests also run against. */
public final class InMemoryEndpointRegistry implements EndpointRegistry {

    private final ConcurrentSkipListMap<EndpointId, Endpoint> endpoints = new ConcurrentSkipListMap<>();
    /** Moved on after each write, as the DynamoDB registry's version item is; 0 before the first. */
    private final AtomicLong version = new AtomicLong();

    @Override
    public void put(Endpoint endpoint) {
        endpoints.put(endpoint.id(), endpoint);
        version.incrementAndGet();
    }

    @Override
    public synchronized void putAll(List<Endpoint> all) {
        all.forEach(endpoint -> endpoints.put(endpoint.id(), endpoint));
        version.incrementAndGet();
    }

    @Override
    public boolean delete(EndpointId id) {
        boolean removed = endpoints.remove(id) != null;
        version.incrementAndGet();
        return removed;
    }

    @Override
    public OptionalLong version() {
        long now = version.get();
        return now == 0 ? OptionalLong.empty() : OptionalLong.of(now);
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
