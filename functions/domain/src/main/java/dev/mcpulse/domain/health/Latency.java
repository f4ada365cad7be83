package dev.mcpulse.domain.health;

import java.util.Optional;

/**
 * Per-step latency of one probe in milliseconds; steps that did not run are empty.
 *
 * @param tokenMs OAuth client credentials: getting a new access token (discovery and the token request); empty when
 *                a cached token was used, or the endpoint does not sign in with OAuth
 */
public record Latency(Optional<Long> discoverMs, Optional<Long> toolsListMs, Optional<Long> toolCallMs, long totalMs,
                      Optional<Long> tokenMs) {

    /** Without a token step. */
    public Latency(Optional<Long> discoverMs, Optional<Long> toolsListMs, Optional<Long> toolCallMs, long totalMs) {
        this(discoverMs, toolsListMs, toolCallMs, totalMs, Optional.empty());
    }

    public static Latency total(long totalMs) {
        return new Latency(Optional.empty(), Optional.empty(), Optional.empty(), totalMs);
    }
}
