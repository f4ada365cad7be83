package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a probe result into the next snapshot, carrying the retry state on the endpoint (DESIGN section 4 and
 * lesson 7): a failing endpoint is probed every cycle for its first {@value #FAILURES_BEFORE_BACKOFF}
 * failures, then ever more rarely up to once per {@link #MAX_BACKOFF}; one success resets everything.
 */
public final class BackoffPolicy {

    public static final int FAILURES_BEFORE_BACKOFF = 5;
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    private BackoffPolicy() {
    }

    public static HealthSnapshot next(Optional<HealthSnapshot> previous, EndpointId id, ProbeResult result,
                                      Instant checkedAt, Duration interval, List<String> secretValues) {
        boolean ok = result.outcome().kind().connected();
        int failures = ok ? 0 : previous.map(HealthSnapshot::consecutiveFailures).orElse(0) + 1;
        int authFailures = authFailures(previous, result.outcome().kind());

        Optional<String> toolsHash = result.toolsHash().or(() -> previous.flatMap(HealthSnapshot::toolsHash));
        Optional<String> previousHash = previous.flatMap(HealthSnapshot::toolsHash);
        boolean toolsChanged = result.toolsHash().isPresent() && previousHash.isPresent()
                && !previousHash.equals(result.toolsHash());
        Optional<Instant> toolsChangedAt = toolsChanged
                ? Optional.of(checkedAt) : previous.flatMap(HealthSnapshot::toolsChangedAt);

        return new HealthSnapshot(
                id,
                checkedAt,
                result.outcome().kind(),
                result.outcome().step(),
                result.httpStatus(),
                ok ? Optional.empty() : Optional.of(ErrorText.of(result.outcome(), secretValues)),
                result.toolsCount().or(() -> previous.flatMap(HealthSnapshot::toolsCount)),
                toolsHash,
                toolsChangedAt,
                result.era().or(() -> previous.flatMap(HealthSnapshot::era)),
                result.protocolVersion().or(() -> previous.flatMap(HealthSnapshot::protocolVersion)),
                result.serverName().or(() -> previous.flatMap(HealthSnapshot::serverName)),
                result.serverVersion().or(() -> previous.flatMap(HealthSnapshot::serverVersion)),
                result.latency(),
                failures,
                authFailures,
                ok ? Optional.of(checkedAt) : previous.flatMap(HealthSnapshot::lastSuccessAt),
                checkedAt.plus(delay(failures, interval)),
                result.tokenExpiresAt());
    }

    /** Auth refusals raise the count, a success resets it, any other failure leaves it alone (DESIGN lesson 10). */
    static int authFailures(Optional<HealthSnapshot> previous, OutcomeKind outcome) {
        int before = previous.map(HealthSnapshot::consecutiveAuthFailures).orElse(0);
        if (outcome.connected()) {
            return 0;
        }
        return outcome.isAuthChainFailure() ? before + 1 : before;
    }

    /** How long after a check the endpoint is next due. */
    public static Duration delay(int consecutiveFailures, Duration interval) {
        if (consecutiveFailures <= FAILURES_BEFORE_BACKOFF) {
            return interval;
        }
        Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        int doublings = Math.min(consecutiveFailures - FAILURES_BEFORE_BACKOFF, 20);
        Duration grown = interval.multipliedBy(1L << doublings);
        return grown.compareTo(cap) > 0 ? cap : grown;
    }

    /**
     * Whether a scheduler cycle at {@code now} should probe the endpoint. Half an interval of slack absorbs the
     * few seconds between a cycle's start and a probe's {@code checkedAt}, so a healthy endpoint is never
     * skipped by a cycle that comes a moment "early".
     */
    public static boolean isDue(Optional<HealthSnapshot> snapshot, Instant now, Duration interval) {
        // dueAt, not nextProbeAfter: an endpoint whose snapshot a check confirmed unchanged is due from that check.
        return snapshot.map(s -> !s.dueAt().isAfter(now.plus(dueSlack(interval)))).orElse(true);
    }

    /** The latest a cycle can dispatch an endpoint due at {@code nextProbeAfter}: cycles come every interval. */
    public static Instant latestDispatch(Instant nextProbeAfter, Duration interval) {
        return nextProbeAfter.plus(interval.minus(dueSlack(interval)));
    }

    private static Duration dueSlack(Duration interval) {
        return interval.dividedBy(2);
    }
}
