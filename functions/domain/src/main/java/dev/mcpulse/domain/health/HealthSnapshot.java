package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest truth about one endpoint (DESIGN section 4). Replaced by each probe, but only by a newer one.
 * Server-reported facts (tools, era, server) keep their last known values through failures, so that a
 * changed tool list is noticed across an outage and the dashboard can still say what the server was.
 * {@code tokenExpiresAt}: when the OAuth access token of the latest check expires (never the token), as that check saw it.
 */
public record HealthSnapshot(
        EndpointId endpointId,
        Instant checkedAt,
        OutcomeKind outcome,
        Optional<ProbeStep> failedStep,
        Optional<Integer> httpStatus,
        Optional<String> lastError,
        Optional<Integer> toolsCount,
        Optional<String> toolsHash,
        Optional<Instant> toolsChangedAt,
        Optional<Era> era,
        Optional<String> protocolVersion,
        Optional<String> serverName,
        Optional<String> serverVersion,
        Latency latency,
        int consecutiveFailures,
        int consecutiveAuthFailures,
        Optional<Instant> lastSuccessAt,
        Instant nextProbeAfter,
        Optional<Instant> tokenExpiresAt) {

    /** A snapshot without an OAuth access token. */
    public HealthSnapshot(EndpointId endpointId, Instant checkedAt, OutcomeKind outcome, Optional<ProbeStep> failedStep,
                          Optional<Integer> httpStatus, Optional<String> lastError, Optional<Integer> toolsCount,
                          Optional<String> toolsHash, Optional<Instant> toolsChangedAt, Optional<Era> era,
                          Optional<String> protocolVersion, Optional<String> serverName, Optional<String> serverVersion,
                          Latency latency, int consecutiveFailures, int consecutiveAuthFailures,
                          Optional<Instant> lastSuccessAt, Instant nextProbeAfter) {
        this(endpointId, checkedAt, outcome, failedStep, httpStatus, lastError, toolsCount, toolsHash, toolsChangedAt,
                era, protocolVersion, serverName, serverVersion, latency, consecutiveFailures, consecutiveAuthFailures,
                lastSuccessAt, nextProbeAfter, Optional.empty());
    }

    public boolean connected() {
        return outcome.connected();
    }
}
