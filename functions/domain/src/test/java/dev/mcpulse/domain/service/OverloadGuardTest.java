package dev.mcpulse.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When an outcome is a verdict on the server, given how much of the probe's window this process was held up. */
class OverloadGuardTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static OverloadGuard.Window window(long elapsedMs, long stalledMs) {
        return new OverloadGuard.Window(Duration.ofMillis(elapsedMs), Duration.ofMillis(stalledMs));
    }

    @ParameterizedTest(name = "timeout after {0} ms of a {3} ms attempt, {1} ms held up: verdict {2}")
    @CsvSource({
            "10000, 0, true, 10000",
            "10000, 1000, true, 10000",   // 9 s of attention: the server had (nearly) its whole deadline
            "10000, 1001, false, 10000",
            "10000, 6000, false, 10000",
            "20000, 10000, true, 20000",  // a stretched retry: 10 s of attention
            "15000, 9000, false, 15000",
            "3, 0, true, 10000",          // the prober's own early timeout: nothing was lost
            "10050, 60, true, 10000",     // a timer a few milliseconds late, a short hold-up earlier
    })
    void aTimeoutIsTheServersOnlyAfterAWholeDeadlineOfAttention(long elapsedMs, long stalledMs, boolean verdict,
                                                                 long wallDeadlineMs) {
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, DEADLINE), DEADLINE,
                Duration.ofMillis(wallDeadlineMs), window(elapsedMs, stalledMs))).isEqualTo(verdict);
    }

    /**
     * Held up from 9.9 s to 10.9 s of a 10 s deadline: 9.9 s of attention, but the answer may have come during the
     * hold-up, unread when the late timer fired. Likewise a stretched retry's. (B1 on 2026-12-05 recorded healthy
     * servers as timeouts, each during one hold-up of 0.7 or 1 s.)
     */
    @ParameterizedTest(name = "timeout after {0} ms of a {2} ms attempt, {1} ms held up: not a verdict")
    @CsvSource({
            "10900, 1000, 10000",
            "10250, 1000, 10000",   // held up from 9.25 s: 9.25 s of attention, the timer 250 ms late
            "20800, 1000, 20000",
    })
    void aTimeoutWhoseTimerFiredLateBecauseTheProcessWasHeldUpIsNoVerdict(long elapsedMs, long stalledMs,
                                                                          long wallDeadlineMs) {
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, DEADLINE), DEADLINE,
                Duration.ofMillis(wallDeadlineMs), window(elapsedMs, stalledMs))).isFalse();
    }

    @ParameterizedTest(name = "connection lost after {0} ms, {1} ms held up: verdict {2}")
    @CsvSource({
            "1, 0, true",          // refused at once
            "300, 99, true",       // a third held up, but under 100 ms: not overload
            "1000, 200, true",
            "1000, 250, false",
            "4000, 3000, false",
    })
    void aLostConnectionIsTheServersUnlessTheProcessWasOverloaded(long elapsedMs, long stalledMs, boolean verdict) {
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "connection reset"),
                DEADLINE, DEADLINE, window(elapsedMs, stalledMs))).isEqualTo(verdict);
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.AuthServerUnreachable(Optional.empty(), "reset"),
                DEADLINE, DEADLINE, window(elapsedMs, stalledMs))).isEqualTo(verdict);
    }

    @Test
    void whatTheServerSaidIsAVerdictWhateverTheLoad() {
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 503, "busy"), DEADLINE,
                DEADLINE, window(10_000, 9_999))).isTrue();
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.Ok(), DEADLINE, DEADLINE, window(10_000, 9_999))).isTrue();
    }

    @ParameterizedTest(name = "{1} of {0} ms lost: next deadline {2} ms")
    @CsvSource({
            "10000, 0, 10000",
            "10000, 2000, 12500",
            "10000, 5000, 20000",
            "10000, 9000, 30000",  // at most tripled
    })
    void aRetrysDeadlineIsStretchedByTheShareOfTimeLost(long elapsedMs, long stalledMs, long nextMs) {
        assertThat(OverloadGuard.nextDeadline(DEADLINE, window(elapsedMs, stalledMs))).isEqualTo(Duration.ofMillis(nextMs));
    }

    @Test
    void aStretchedDeadlineNeverPassesTheLongestAnEndpointMayHave() {
        assertThat(OverloadGuard.nextDeadline(Duration.ofSeconds(20), window(20_000, 15_000)))
                .isEqualTo(Endpoint.MAX_TIMEOUT);
        assertThat(OverloadGuard.nextDeadline(Endpoint.MAX_TIMEOUT, window(30_000, 15_000)))
                .isEqualTo(Endpoint.MAX_TIMEOUT);
    }
}
