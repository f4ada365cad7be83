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

    @ParameterizedTest(name = "timeout after {0} ms, {1} ms held up: verdict {2}")
    @CsvSource({
            "10000, 0, true",
            "10000, 1000, true",   // 9 s of attention: the server had (nearly) its whole deadline
            "10000, 1001, false",
            "10000, 6000, false",
            "20000, 10000, true",  // a stretched retry: 10 s of attention
            "15000, 9000, false",
            "3, 0, true",          // the prober's own early timeout: nothing was lost
    })
    void aTimeoutIsTheServersOnlyAfterAWholeDeadlineOfAttention(long elapsedMs, long stalledMs, boolean verdict) {
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, DEADLINE), DEADLINE,
                window(elapsedMs, stalledMs))).isEqualTo(verdict);
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
                DEADLINE, window(elapsedMs, stalledMs))).isEqualTo(verdict);
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.AuthServerUnreachable(Optional.empty(), "reset"),
                DEADLINE, window(elapsedMs, stalledMs))).isEqualTo(verdict);
    }

    @Test
    void whatTheServerSaidIsAVerdictWhateverTheLoad() {
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 503, "busy"), DEADLINE,
                window(10_000, 9_999))).isTrue();
        assertThat(OverloadGuard.isVerdict(new ProbeOutcome.Ok(), DEADLINE, window(10_000, 9_999))).isTrue();
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
