package dev.mcpulse.domain.health;

import java.time.Instant;

/**
 * The scheduler's own heartbeat: one per cycle, so that a dead cron is visible (DESIGN section 5).
 * {@code skippedInBackoff} counts the enabled endpoints that were not due: in back-off, or waiting for a cadence of
 * their own that is longer than the fleet's.
 */
public record CycleRecord(Instant startedAt, int endpointsEnabled, int endpointsDue, int skippedInBackoff,
                          int shardsDispatched) {
}
