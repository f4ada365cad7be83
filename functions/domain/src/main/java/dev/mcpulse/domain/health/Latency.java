package dev.mcpulse.domain.health;

import java.util.Optional;

/** Per-step latency of one probe in milliseconds; steps that did not run are empty. */
public record Latency(Optional<Long> discoverMs, Optional<Long> toolsListMs, Optional<Long> toolCallMs, long totalMs) {

    public static Latency total(long totalMs) {
        return new Latency(Optional.empty(), Optional.empty(), Optional.empty(), totalMs);
    }
}
