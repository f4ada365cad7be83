package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest truth about one endpoint (DESIGN section 4). Replaced by each probe, but only by a newer one.
 * Server-reported facts (tools, era, server) keep their last known values through failures, so that a
 * changed tool list is noticed across an outage and the dashboard can still say what the server was.
 * {@code tokenExpiresAt}: when the OAuth access token of the latest check expires (never the token), as that check saw it.
 * {@code confirmedBy}: the newest later check that found nothing an operator sees changed and so wrote no snapshot
 * (not stored with the snapshot: the store adds it when read). Freshness follows it ({@link #lastCheckedAt()},
 * {@link #dueAt()}); newer-wins conditions keep using {@code checkedAt}, the stored snapshot's own time.
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
        Optional<Instant> tokenExpiresAt,
        Optional<ConfirmingCheck> confirmedBy) {

    /** As stored: no later check known to have confirmed it. */
    public HealthSnapshot(EndpointId endpointId, Instant checkedAt, OutcomeKind outcome, Optional<ProbeStep> failedStep,
                          Optional<Integer> httpStatus, Optional<String> lastError, Optional<Integer> toolsCount,
                          Optional<String> toolsHash, Optional<Instant> toolsChangedAt, Optional<Era> era,
                          Optional<String> protocolVersion, Optional<String> serverName, Optional<String> serverVersion,
                          Latency latency, int consecutiveFailures, int consecutiveAuthFailures,
                          Optional<Instant> lastSuccessAt, Instant nextProbeAfter, Optional<Instant> tokenExpiresAt) {
        this(endpointId, checkedAt, outcome, failedStep, httpStatus, lastError, toolsCount, toolsHash, toolsChangedAt,
                era, protocolVersion, serverName, serverVersion, latency, consecutiveFailures, consecutiveAuthFailures,
                lastSuccessAt, nextProbeAfter, tokenExpiresAt, Optional.empty());
    }

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

    /** The time of the newest check this snapshot speaks for: its own, or that of the check that confirmed it. */
    public Instant lastCheckedAt() {
        return confirmedBy.map(ConfirmingCheck::checkedAt).orElse(checkedAt);
    }

    /**
     * When the endpoint is next due: the stored {@code nextProbeAfter}, moved on by as much as a confirming check
     * came after the stored one (it found the same counters, so the same delay applies from its time).
     */
    public Instant dueAt() {
        return nextProbeAfter.plus(Duration.between(checkedAt, lastCheckedAt()));
    }

    /** The last success: a confirmed connected snapshot succeeded again at the confirming check. */
    public Optional<Instant> lastSuccessShown() {
        return connected() && confirmedBy.isPresent() ? Optional.of(lastCheckedAt()) : lastSuccessAt;
    }

    /** The total latency of the newest check this snapshot speaks for. */
    public long lastTotalMs() {
        return confirmedBy.map(ConfirmingCheck::totalMs).orElse(latency.totalMs());
    }

    /** This snapshot, confirmed by {@code check} (a check made after it that found it unchanged). */
    public HealthSnapshot confirmedBy(ConfirmingCheck check) {
        if (!check.checkedAt().isAfter(checkedAt)) {
            throw new IllegalArgumentException("a check can confirm only a snapshot it came after");
        }
        return new HealthSnapshot(endpointId, checkedAt, outcome, failedStep, httpStatus, lastError, toolsCount,
                toolsHash, toolsChangedAt, era, protocolVersion, serverName, serverVersion, latency,
                consecutiveFailures, consecutiveAuthFailures, lastSuccessAt, nextProbeAfter, tokenExpiresAt,
                Optional.of(check));
    }
}
