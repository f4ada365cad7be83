package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * DESIGN section 5: status is derived at read time because freshness depends on now. The first row that holds
 * wins. A disabled endpoint is reported as paused before anything else, since nothing probes it. An endpoint with
 * its own, longer cadence is judged like one in back-off: against its {@code nextProbeAfter}.
 */
public final class StatusPolicy {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    /**
     * The grace of a deployment whose shards start over a jitter window: the default, plus the window. A shard's
     * place in the window can move between cycles (fewer shards are due, an endpoint whose last check timed out is
     * sent apart), so an endpoint's next check may come up to the window later than one interval on; without this
     * a healthy endpoint would show stale for those seconds.
     */
    public static Duration graceFor(Duration jitterWindow) {
        return DEFAULT_GRACE.plus(jitterWindow);
    }

    /**
     * The jitter window a deployment may use at this interval: the configured one, at most a third of what the
     * interval leaves beyond the grace and the default deadline, in whole seconds. The window widens the grace
     * ({@link #graceFor}), and a check late in one window followed by an early one in the next brings the two a
     * window closer still; within this bound the stale edge still comes before the cycle after a missed one, so one
     * missed cycle shows as stale (DESIGN section 5). Unbounded, a 60 s window at a 60 s interval would hide it.
     * At the default 5 minutes the bound is 86 s.
     */
    public static Duration jitterWindowWithin(Duration configured, Duration interval) {
        long slackSeconds = interval.minus(DEFAULT_GRACE).minus(Endpoint.DEFAULT_TIMEOUT).toSeconds();
        Duration most = Duration.ofSeconds(Math.max(0, slackSeconds / 3));
        return configured.compareTo(most) > 0 ? most : configured;
    }

    private final Clock clock;
    private final Duration grace;

    public StatusPolicy(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    public StatusPolicy(Clock clock) {
        this(clock, DEFAULT_GRACE);
    }

    public DerivedStatus derive(Endpoint endpoint, SecretState secret, Optional<HealthSnapshot> snapshot,
                                Duration interval) {
        return derive(endpoint, secret, snapshot, clock.instant(), interval);
    }

    public DerivedStatus derive(Endpoint endpoint, SecretState secret, Optional<HealthSnapshot> snapshot,
                                Instant now, Duration interval) {
        if (!endpoint.enabled()) {
            return unconnected(StatusReason.PAUSED);
        }
        Optional<OutcomeKind> outcome = snapshot.map(HealthSnapshot::outcome);
        boolean secretMissing = secret == SecretState.MISSING
                || (secret == SecretState.UNKNOWN && outcome.equals(Optional.of(OutcomeKind.AUTH_MISSING)));
        if (endpoint.needsSecret() && secretMissing) {
            return unhealthy(StatusReason.AUTH_MISSING);
        }
        if (outcome.isPresent() && (outcome.get().isAuthFailure() || outcome.get() == OutcomeKind.TOOL_ERROR)) {
            return unhealthy(StatusReason.of(outcome.get()));
        }
        if (snapshot.isEmpty()) {
            return unconnected(StatusReason.NEVER_CHECKED);
        }
        if (now.isAfter(staleAfter(snapshot.get(), endpoint, interval))) {
            return unconnected(StatusReason.STALE);
        }
        if (!snapshot.get().connected()) {
            return unconnected(StatusReason.of(snapshot.get().outcome()));
        }
        return new DerivedStatus(Status.CONNECTED, StatusReason.OK);
    }

    /**
     * The instant after which a snapshot no longer speaks for the endpoint: the next expected check plus the
     * probe deadline plus grace. Normally the next check comes one interval on; an endpoint in back-off (or with a
     * cadence of its own) is next checked by the last cycle that finds it due, which may come up to the scheduler's
     * slack after its {@code nextProbeAfter}.
     */
    public Instant staleAfter(HealthSnapshot snapshot, Endpoint endpoint, Duration interval) {
        // From the newest check the snapshot speaks for: a check that confirmed it unchanged keeps it fresh.
        Instant regularNext = snapshot.lastCheckedAt().plus(interval);
        Instant expectedNext = snapshot.dueAt().isAfter(regularNext)
                ? BackoffPolicy.latestDispatch(snapshot.dueAt(), interval)
                : regularNext;
        return expectedNext.plus(endpoint.timeout()).plus(grace);
    }

    private static DerivedStatus unhealthy(StatusReason reason) {
        return new DerivedStatus(Status.UNHEALTHY, reason);
    }

    private static DerivedStatus unconnected(StatusReason reason) {
        return new DerivedStatus(Status.CONFIGURED_BUT_UNCONNECTED, reason);
    }
}
