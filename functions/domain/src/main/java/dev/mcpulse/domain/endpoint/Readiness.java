package dev.mcpulse.domain.endpoint;

import java.util.Map;

/**
 * A real tool call that must succeed for an endpoint to count as ready. Only the tool the operator names is
 * ever called, so readiness never changes a server's state beyond what the operator chose.
 */
public record Readiness(String tool, Map<String, Object> arguments) {
    public Readiness {
        arguments = Map.copyOf(arguments);
    }
}
