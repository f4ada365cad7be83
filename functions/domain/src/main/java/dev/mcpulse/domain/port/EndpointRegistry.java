package dev.mcpulse.domain.port;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The registry of endpoints. Callers pass only validated {@link Endpoint}s. */
public interface EndpointRegistry {

    /** Creates or replaces the entry with this id. */
    void put(Endpoint endpoint);

    /** Creates or replaces all entries (a fleet import); either all are stored or the call throws. */
    void putAll(List<Endpoint> endpoints);

    /** @return true when an entry was removed. */
    boolean delete(EndpointId id);

    Optional<Endpoint> get(EndpointId id);

    /**
     * The entries with these ids (unknown ones are absent from the map). A store that can read many in one
     * request does: a probe shard reads its endpoints this way, one request instead of one per endpoint.
     */
    default Map<EndpointId, Endpoint> getAll(Collection<EndpointId> ids) {
        Map<EndpointId, Endpoint> found = new HashMap<>();
        for (EndpointId id : ids) {
            get(id).ifPresent(endpoint -> found.put(id, endpoint));
        }
        return found;
    }

    /**
     * The registry's version: a number that every {@link #put}, {@link #putAll} and {@link #delete} moves on once its
     * entries are written. Read before a read of entries and found the same later, it says that no write of an entry
     * was completed in between, so the entries read are still the registry's (the scheduler sends them with each
     * shard, and the shard's probe checks this instead of reading them again). Read as of now, never from a replica
     * that may lag. Empty for a store that keeps none, or before its first write: then entries are always read.
     */
    default OptionalLong version() {
        return OptionalLong.empty();
    }

    /** The whole fleet, ordered by id, read without a full-table scan. */
    List<Endpoint> list();

    /**
     * One page of the fleet: up to {@code limit} entries whose ids come after {@code after} (from the first when
     * empty), in id order. {@code after} need not be a stored id, so a page can follow an entry deleted meanwhile.
     * Reads only about {@code limit} entries, never the whole fleet.
     */
    default List<Endpoint> page(Optional<EndpointId> after, int limit) {
        return page("", after, limit);
    }

    /**
     * One page of the entries whose ids start with {@code idPrefix} (every entry when it is empty), as
     * {@link #page(Optional, int)}: reads only about {@code limit} of the matching entries, however large the fleet,
     * so that one endpoint is found by its id, or the start of it, at once.
     */
    List<Endpoint> page(String idPrefix, Optional<EndpointId> after, int limit);
}
