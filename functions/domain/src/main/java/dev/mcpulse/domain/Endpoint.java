package dev.mcpulse.domain;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One MCP server in the registry (DESIGN section 2). Built only through {@link EndpointParser}, so always valid. */
public record Endpoint(
        EndpointId id,
        String name,
        Map<String, String> labels,
        URI url,
        Transport transport,
        AuthRef auth,
        Duration timeout,
        Optional<Readiness> readiness,
        boolean enabled) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

    public Endpoint {
        labels = Map.copyOf(labels);
    }

    public boolean needsSecret() {
        return auth.secret().isPresent();
    }
}
