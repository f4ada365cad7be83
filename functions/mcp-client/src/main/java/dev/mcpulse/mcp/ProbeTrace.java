package dev.mcpulse.mcp;

import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What one probe has observed so far. The steps of a probe run one after another, but on whichever event-loop
 * thread delivered the last response, and the deadline fires on a timer thread: hence the synchronized accessors.
 */
final class ProbeTrace {

    private final LongSupplier nanoClock;
    private final long startedAt;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<ProbeStep, Long> stepNanos = new EnumMap<>(ProbeStep.class);
    private ProbeStep step = ProbeStep.DISCOVER;
    private long stepStartedAt;
    private Integer lastHttpStatus;
    private Era era;
    private String protocolVersion;
    private String serverName;
    private String serverVersion;
    private Integer toolsCount;
    private String toolsHash;
    private Instant tokenExpiresAt;

    ProbeTrace(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
        this.stepStartedAt = startedAt;
    }

    long nextRequestId() {
        return nextId.getAndIncrement();
    }

    synchronized void begin(ProbeStep next) {
        closeStep();
        step = next;
        stepStartedAt = nanoClock.getAsLong();
    }

    synchronized ProbeStep step() {
        return step;
    }

    synchronized void sawStatus(int status) {
        lastHttpStatus = status;
    }

    synchronized void speaking(Era detected, String version) {
        era = detected;
        protocolVersion = version;
    }

    synchronized void server(Optional<String> name, Optional<String> version) {
        serverName = name.orElse(null);
        serverVersion = version.orElse(null);
    }

    synchronized void tools(int count, String hash) {
        toolsCount = count;
        toolsHash = hash;
    }

    /** When the access token presented (or to be reused next) expires; empty when there is none any more. */
    synchronized void token(Optional<Instant> expiresAt) {
        tokenExpiresAt = expiresAt.orElse(null);
    }

    long elapsedMillis() {
        return (nanoClock.getAsLong() - startedAt) / 1_000_000;
    }

    synchronized ProbeResult result(ProbeOutcome outcome) {
        closeStep();
        long discover = stepNanos.getOrDefault(ProbeStep.SSE_CONNECT, 0L) + stepNanos.getOrDefault(ProbeStep.DISCOVER, 0L)
                + stepNanos.getOrDefault(ProbeStep.INITIALIZE, 0L);
        boolean discovered = stepNanos.containsKey(ProbeStep.SSE_CONNECT) || stepNanos.containsKey(ProbeStep.DISCOVER)
                || stepNanos.containsKey(ProbeStep.INITIALIZE);
        Latency latency = new Latency(
                discovered ? Optional.of(discover / 1_000_000) : Optional.empty(),
                millis(ProbeStep.TOOLS_LIST), millis(ProbeStep.TOOL_CALL), elapsedMillis(), tokenMillis());
        return new ProbeResult(outcome, Optional.ofNullable(lastHttpStatus), Optional.ofNullable(era),
                Optional.ofNullable(protocolVersion), Optional.ofNullable(serverName), Optional.ofNullable(serverVersion),
                Optional.ofNullable(toolsCount), Optional.ofNullable(toolsHash), latency,
                Optional.ofNullable(tokenExpiresAt));
    }

    /** Getting a new access token: the discovery that found the token endpoint plus the token request itself. */
    private Optional<Long> tokenMillis() {
        if (!stepNanos.containsKey(ProbeStep.TOKEN)) {
            return Optional.empty(); // no token was requested (a cached one, or only the sign-in chain checked)
        }
        return Optional.of((stepNanos.get(ProbeStep.TOKEN) + stepNanos.getOrDefault(ProbeStep.AUTH_DISCOVERY, 0L)) / 1_000_000);
    }

    private Optional<Long> millis(ProbeStep which) {
        return Optional.ofNullable(stepNanos.get(which)).map(n -> n / 1_000_000);
    }

    private void closeStep() {
        long now = nanoClock.getAsLong();
        stepNanos.merge(step, now - stepStartedAt, Long::sum);
        stepStartedAt = now;
    }
}
