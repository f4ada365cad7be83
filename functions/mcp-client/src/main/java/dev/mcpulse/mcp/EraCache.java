package dev.mcpulse.mcp;

import dev.mcpulse.domain.health.Era;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The era each MCP endpoint spoke last time, so that the next probe starts with the right request instead of
 * detecting again (versioning: "cache the result for the lifetime of the origin", re-probing when it fails).
 * Keyed by the endpoint URL without query, not just the origin: one origin can host a legacy {@code /sse} and a
 * modern {@code /mcp} endpoint, and an origin-wide key would make them flap. Bounded, least recently used out.
 */
public final class EraCache {

    private final Map<String, Era> eras;

    public EraCache(int capacity) {
        this.eras = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Era> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Era> get(URI endpoint) {
        return Optional.ofNullable(eras.get(key(endpoint)));
    }

    synchronized void remember(URI endpoint, Era era) {
        eras.put(key(endpoint), era);
    }

    synchronized void forget(URI endpoint) {
        eras.remove(key(endpoint));
    }

    private static String key(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + uri.getRawPath();
    }
}
