package dev.mcpulse.domain.health;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a check must write its snapshot, or may only confirm the stored one: it must when anything an operator
 * sees differs (outcome, error, HTTP status, failed step, tools, era, protocol, server, counters, token expiry, the
 * delay to the next check), and as a heartbeat once the stored snapshot is {@link #HEARTBEAT} old, so that the stored
 * latency breakdown is never older than that. What changes on every check is ignored: the check time, the latency
 * breakdown, the next check's time as such, and a last success that is just the check's own time.
 */
public final class VisibleChange {

    /** The oldest a stored snapshot may be and still be confirmed instead of rewritten. */
    public static final Duration HEARTBEAT = Duration.ofHours(1);

    private VisibleChange() {
    }

    /** True when {@code next} (computed from {@code stored}) must be written rather than confirm it. */
    public static boolean mustWrite(HealthSnapshot stored, HealthSnapshot next) {
        if (!next.checkedAt().isAfter(stored.checkedAt())
                || !next.checkedAt().isBefore(stored.checkedAt().plus(HEARTBEAT))) {
            return true;
        }
        return !(next.outcome() == stored.outcome()
                && next.failedStep().equals(stored.failedStep())
                && next.httpStatus().equals(stored.httpStatus())
                && next.lastError().equals(stored.lastError())
                && next.toolsCount().equals(stored.toolsCount())
                && next.toolsHash().equals(stored.toolsHash())
                && next.toolsChangedAt().equals(stored.toolsChangedAt())
                && next.era().equals(stored.era())
                && next.protocolVersion().equals(stored.protocolVersion())
                && next.serverName().equals(stored.serverName())
                && next.serverVersion().equals(stored.serverVersion())
                && next.consecutiveFailures() == stored.consecutiveFailures()
                && next.consecutiveAuthFailures() == stored.consecutiveAuthFailures()
                && next.tokenExpiresAt().equals(stored.tokenExpiresAt())
                && delay(next).equals(delay(stored))
                && Objects.equals(ownLastSuccess(next), ownLastSuccess(stored)));
    }

    private static Duration delay(HealthSnapshot snapshot) {
        return Duration.between(snapshot.checkedAt(), snapshot.nextProbeAfter());
    }

    /** The last success, with "this very check" as one value, whenever it was. */
    private static Object ownLastSuccess(HealthSnapshot snapshot) {
        return snapshot.lastSuccessAt().map(at -> at.equals(snapshot.checkedAt()) ? (Object) "this check" : at)
                .orElse(null);
    }
}
