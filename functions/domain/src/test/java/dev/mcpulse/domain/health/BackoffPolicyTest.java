package dev.mcpulse.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    static final EndpointId ID = new EndpointId("ep");
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    static ProbeResult ok(String toolsHash) {
        return new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.of(Era.MODERN), Optional.of("2026-07-28"),
                Optional.of("srv"), Optional.of("1.0"), Optional.of(4), Optional.of(toolsHash), Latency.total(20));
    }

    static ProbeResult failed(ProbeOutcome outcome) {
        return new ProbeResult(outcome, outcome.httpStatus(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Latency.total(5));
    }

    static final ProbeResult REJECTED = failed(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401,
            Optional.of("Bearer"), Optional.of("invalid_token")));
    static final ProbeResult TIMEOUT = failed(new ProbeOutcome.Timeout(ProbeStep.TOOLS_LIST, Duration.ofSeconds(10)));

    HealthSnapshot apply(Optional<HealthSnapshot> previous, ProbeResult result, Instant at) {
        return BackoffPolicy.next(previous, ID, result, at, INTERVAL, List.of());
    }

    @Test
    void failuresAreProbedEveryCycleThenBackOffToThirtyMinutesAndResetOnSuccess() {
        Optional<HealthSnapshot> snap = Optional.empty();
        Instant at = T0;
        Duration[] expected = {
                INTERVAL, INTERVAL, INTERVAL, INTERVAL, INTERVAL,
                Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(30)};
        for (Duration delay : expected) {
            HealthSnapshot next = apply(snap, TIMEOUT, at);
            assertThat(Duration.between(at, next.nextProbeAfter())).isEqualTo(delay);
            snap = Optional.of(next);
            at = next.nextProbeAfter();
        }
        assertThat(snap.get().consecutiveFailures()).isEqualTo(9);

        HealthSnapshot recovered = apply(snap, ok("h"), at);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.nextProbeAfter()).isEqualTo(at.plus(INTERVAL));
        assertThat(recovered.lastSuccessAt()).contains(at);
    }

    @Test
    void authFailuresCountOnlyAuthRefusalsAndResetOnSuccess() {
        HealthSnapshot s1 = apply(Optional.empty(), REJECTED, T0);
        HealthSnapshot s2 = apply(Optional.of(s1), REJECTED, T0.plusSeconds(1));
        HealthSnapshot s3 = apply(Optional.of(s2), TIMEOUT, T0.plusSeconds(2));
        HealthSnapshot s4 = apply(Optional.of(s3), REJECTED, T0.plusSeconds(3));
        HealthSnapshot s5 = apply(Optional.of(s4), ok("h"), T0.plusSeconds(4));

        assertThat(List.of(s1, s2, s3, s4, s5)).extracting(HealthSnapshot::consecutiveAuthFailures)
                .containsExactly(1, 2, 2, 3, 0);
        assertThat(List.of(s1, s2, s3, s4, s5)).extracting(HealthSnapshot::consecutiveFailures)
                .containsExactly(1, 2, 3, 4, 0);
    }

    @Test
    void everyBrokenLinkOfTheOAuthChainCountsAsAnAuthFailure() {
        HealthSnapshot s1 = apply(Optional.empty(), failed(new ProbeOutcome.AuthServerRefused(401, "invalid_client", "")), T0);
        HealthSnapshot s2 = apply(Optional.of(s1), failed(new ProbeOutcome.AuthDiscoveryFailed("protected_resource_metadata",
                Optional.of(404), "the document is missing")), T0.plusSeconds(1));
        HealthSnapshot s3 = apply(Optional.of(s2), failed(new ProbeOutcome.AuthServerUnreachable(Optional.of(503), "")),
                T0.plusSeconds(2));
        HealthSnapshot s4 = apply(Optional.of(s3), TIMEOUT, T0.plusSeconds(3));

        assertThat(List.of(s1, s2, s3, s4)).extracting(HealthSnapshot::consecutiveAuthFailures).containsExactly(1, 2, 3, 3);
    }

    @Test
    void aChangedToolListIsMarkedAndKnownFactsSurviveAFailure() {
        HealthSnapshot first = apply(Optional.empty(), ok("aaa"), T0);
        assertThat(first.toolsChangedAt()).as("first sighting is not a change").isEmpty();

        HealthSnapshot down = apply(Optional.of(first), TIMEOUT, T0.plusSeconds(300));
        assertThat(down.toolsHash()).contains("aaa");
        assertThat(down.toolsCount()).contains(4);
        assertThat(down.serverName()).contains("srv");
        assertThat(down.lastSuccessAt()).contains(T0);
        assertThat(down.failedStep()).contains(ProbeStep.TOOLS_LIST);
        assertThat(down.lastError()).hasValueSatisfying(e -> assertThat(e).contains("tools_list", "10000 ms"));

        HealthSnapshot changed = apply(Optional.of(down), ok("bbb"), T0.plusSeconds(600));
        assertThat(changed.toolsChangedAt()).contains(T0.plusSeconds(600));
        assertThat(changed.lastError()).isEmpty();

        HealthSnapshot same = apply(Optional.of(changed), ok("bbb"), T0.plusSeconds(900));
        assertThat(same.toolsChangedAt()).as("kept until the next change").contains(T0.plusSeconds(600));
    }

    @Test
    void httpStatusOfTheOutcomeIsKept() {
        assertThat(apply(Optional.empty(), REJECTED, T0).httpStatus()).contains(401);
        assertThat(apply(Optional.empty(), ok("h"), T0).httpStatus()).contains(200);
    }

    @Test
    void aCycleThatComesAMomentEarlyStillFindsAHealthyEndpointDue() {
        HealthSnapshot checked = apply(Optional.empty(), ok("h"), T0.plusSeconds(3));

        assertThat(BackoffPolicy.isDue(Optional.of(checked), T0.plus(INTERVAL), INTERVAL)).isTrue();
        assertThat(BackoffPolicy.isDue(Optional.empty(), T0, INTERVAL)).isTrue();
    }

    @Test
    void anEndpointInBackoffIsSkippedUntilItsTime() {
        Optional<HealthSnapshot> snap = Optional.empty();
        for (int i = 0; i < 7; i++) {
            snap = Optional.of(apply(snap, TIMEOUT, T0));
        }
        // 7 failures: next probe 20 minutes after the check.
        assertThat(BackoffPolicy.isDue(snap, T0.plus(INTERVAL), INTERVAL)).isFalse();
        assertThat(BackoffPolicy.isDue(snap, T0.plus(Duration.ofMinutes(15)), INTERVAL)).isFalse();
        assertThat(BackoffPolicy.isDue(snap, T0.plus(Duration.ofMinutes(20)), INTERVAL)).isTrue();
    }
}
