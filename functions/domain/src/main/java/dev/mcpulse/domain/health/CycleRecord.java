package dev.mcpulse.domain.health;

import java.time.Instant;
import java.util.Optional;

/**
 * The scheduler's own heartbeat: one per cycle, so that a dead cron is visible (DESIGN section 5).
 * {@code skippedInBackoff} counts the enabled endpoints that were not due: in back-off, or waiting for a cadence of
 * their own that is longer than the fleet's. {@code fleet} is the whole fleet's summary as the cycle found it at
 * {@code startedAt} (from the registry and snapshots it reads anyway): the API's summary, without reading the fleet.
 * Empty for a cycle recorded without one.
 */
public record CycleRecord(Instant startedAt, int endpointsEnabled, int endpointsDue, int skippedInBackoff,
                          int shardsDispatched, Optional<FleetCounts> fleet) {

    public CycleRecord(Instant startedAt, int endpointsEnabled, int endpointsDue, int skippedInBackoff,
                       int shardsDispatched) {
        this(startedAt, endpointsEnabled, endpointsDue, skippedInBackoff, shardsDispatched, Optional.empty());
    }
}
