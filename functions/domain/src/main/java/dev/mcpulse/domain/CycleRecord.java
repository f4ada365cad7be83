package dev.mcpulse.domain;

import java.time.Instant;

/** The scheduler's own heartbeat: one per cycle, so that a dead cron is visible (DESIGN section 5). */
public record CycleRecord(Instant startedAt, int endpointsEnabled, int endpointsDue, int skippedInBackoff,
                          int shardsDispatched) {
}
