package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Instant;
import java.util.Optional;

/** One check, kept for a while (TTL) for uptime and the latency chart. */
public record HistoryEntry(EndpointId endpointId, Instant checkedAt, OutcomeKind outcome,
                           Optional<Integer> httpStatus, long totalMs) {

    public static HistoryEntry of(HealthSnapshot snapshot) {
        return new HistoryEntry(snapshot.endpointId(), snapshot.checkedAt(), snapshot.outcome(),
                snapshot.httpStatus(), snapshot.latency().totalMs());
    }
}
