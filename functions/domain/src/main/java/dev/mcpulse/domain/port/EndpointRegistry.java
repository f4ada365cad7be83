package dev.mcpulse.domain.port;

import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.EndpointId;
import java.util.List;
import java.util.Optional;

/** The registry of endpoints. Callers pass only validated {@link Endpoint}s. */
public interface EndpointRegistry {

    /** Creates or replaces the entry with this id. */
    void put(Endpoint endpoint);

    /** Creates or replaces all entries (a fleet import); either all are stored or the call throws. */
    void putAll(List<Endpoint> endpoints);

    /** @return true when an entry was removed. */
    boolean delete(EndpointId id);

    Optional<Endpoint> get(EndpointId id);

    /** The whole fleet, ordered by id, read without a full-table scan. */
    List<Endpoint> list();
}
