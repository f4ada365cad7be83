package dev.mcpulse.scheduler;

import dev.mcpulse.domain.health.CycleRecord;
import io.micronaut.serde.annotation.Serdeable;

/** What one scheduler invocation returns (and Lambda records): the cycle's counts. */
@Serdeable
public record CycleSummary(String startedAt, int endpointsEnabled, int endpointsDue, int skippedInBackoff,
                           int shardsDispatched) {

    static CycleSummary of(CycleRecord cycle) {
        return new CycleSummary(cycle.startedAt().toString(), cycle.endpointsEnabled(), cycle.endpointsDue(),
                cycle.skippedInBackoff(), cycle.shardsDispatched());
    }
}
