package dev.mcpulse.domain.health;

import java.time.Instant;
import java.util.Optional;

/**
 * Everything one probe observed: the outcome and, as far as the probe got, what the server said about itself.
 * {@code lastHttpStatus} is the last status seen on the wire, kept even when the outcome does not rest on it.
 * {@code tokenExpiresAt} is when the OAuth access token the probe presented (or would reuse next) expires, never the
 * token itself; empty without one.
 */
public record ProbeResult(
        ProbeOutcome outcome,
        Optional<Integer> lastHttpStatus,
        Optional<Era> era,
        Optional<String> protocolVersion,
        Optional<String> serverName,
        Optional<String> serverVersion,
        Optional<Integer> toolsCount,
        Optional<String> toolsHash,
        Latency latency,
        Optional<Instant> tokenExpiresAt) {

    /** A result without an OAuth access token. */
    public ProbeResult(ProbeOutcome outcome, Optional<Integer> lastHttpStatus, Optional<Era> era,
                       Optional<String> protocolVersion, Optional<String> serverName, Optional<String> serverVersion,
                       Optional<Integer> toolsCount, Optional<String> toolsHash, Latency latency) {
        this(outcome, lastHttpStatus, era, protocolVersion, serverName, serverVersion, toolsCount, toolsHash, latency,
                Optional.empty());
    }

    /** A result for a probe that never dialled (the secret was missing). */
    public static ProbeResult notDialled(ProbeOutcome outcome) {
        return new ProbeResult(outcome, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Latency.total(0));
    }

    /** The status the snapshot records: the one the outcome rests on, else the last one seen. */
    public Optional<Integer> httpStatus() {
        return outcome.httpStatus().or(() -> lastHttpStatus);
    }
}
