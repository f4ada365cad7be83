package dev.mcpulse.domain.endpoint;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One MCP server in the registry (DESIGN section 2). Built through {@link EndpointParser}, so always valid.
 * {@code interval} is the endpoint's own cadence, when it is probed less often than the fleet.
 */
public record Endpoint(
        EndpointId id,
        String name,
        Map<String, String> labels,
        URI url,
        Transport transport,
        AuthRef auth,
        Duration timeout,
        Optional<Readiness> readiness,
        boolean enabled,
        Optional<Duration> interval) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public Endpoint {
        labels = Map.copyOf(labels);
    }

    /** An endpoint probed at the fleet's interval. */
    public Endpoint(EndpointId id, String name, Map<String, String> labels, URI url, Transport transport, AuthRef auth,
                    Duration timeout, Optional<Readiness> readiness, boolean enabled) {
        this(id, name, labels, url, transport, auth, timeout, readiness, enabled, Optional.empty());
    }

    /** How often this endpoint is probed: its own cadence, or the fleet's. */
    public Duration intervalOr(Duration fleetInterval) {
        return interval.orElse(fleetInterval);
    }

    /** The same endpoint with its deadline cut to {@code limit} when longer (for callers that cannot wait longer). */
    public Endpoint withTimeoutAtMost(Duration limit) {
        if (timeout.compareTo(limit) <= 0) {
            return this;
        }
        return new Endpoint(id, name, labels, url, transport, auth, limit, readiness, enabled, interval);
    }

    public boolean needsSecret() {
        return auth.secret().isPresent();
    }
}
