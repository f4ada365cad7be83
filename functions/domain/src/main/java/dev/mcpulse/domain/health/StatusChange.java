package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Instant;

/** An endpoint's derived status changed with a new snapshot: what operators route alerts from. */
public record StatusChange(EndpointId endpointId, DerivedStatus from, DerivedStatus to, Instant checkedAt) {
}
