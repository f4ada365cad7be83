package dev.mcpulse.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StatusPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(30);
    /** interval + deadline + grace. */
    static final Duration STALE_WINDOW = INTERVAL.plus(TIMEOUT).plus(GRACE);

    final StatusPolicy policy = new StatusPolicy(Clock.fixed(NOW, ZoneOffset.UTC), GRACE);

    static Endpoint endpoint(AuthRef auth, boolean enabled) {
        return new Endpoint(new EndpointId("ep-1"), "EP 1", Map.of(), URI.create("https://mcp.example.com/mcp"),
                Transport.AUTO, auth, TIMEOUT, Optional.empty(), enabled);
    }

    static final Endpoint OPEN = endpoint(new AuthRef.None(), true);
    static final Endpoint WITH_SECRET = endpoint(
            new AuthRef.Bearer(new AuthRef.SecretRef("mcpulse/token", Optional.empty())), true);

    static HealthSnapshot snapshot(OutcomeKind outcome, Instant checkedAt) {
        return snapshot(outcome, checkedAt, checkedAt.plus(INTERVAL));
    }

    static HealthSnapshot snapshot(OutcomeKind outcome, Instant checkedAt, Instant nextProbeAfter) {
        return new HealthSnapshot(new EndpointId("ep-1"), checkedAt, outcome, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(3), Optional.of("h"), Optional.empty(), Optional.of(Era.MODERN),
                Optional.of("2026-07-28"), Optional.empty(), Optional.empty(), Latency.total(12),
                outcome.connected() ? 0 : 1, 0, Optional.empty(), nextProbeAfter);
    }

    static final Instant FRESH = NOW.minusSeconds(60);
    static final Instant OLD = NOW.minus(Duration.ofHours(2));

    /** One row per line of the DESIGN section 5 table, in table order, plus the rows that prove "first wins". */
    static Stream<Arguments> designTable() {
        return Stream.of(
                // 1. secret missing/empty/unreadable -> unhealthy auth_missing (even with a fresh ok snapshot)
                Arguments.of("secret missing", WITH_SECRET, SecretState.MISSING, snapshot(OutcomeKind.OK, FRESH),
                        Status.UNHEALTHY, StatusReason.AUTH_MISSING),
                Arguments.of("secret missing, never checked", WITH_SECRET, SecretState.MISSING, null,
                        Status.UNHEALTHY, StatusReason.AUTH_MISSING),
                Arguments.of("secret unknown at read time, last probe found it missing", WITH_SECRET,
                        SecretState.UNKNOWN, snapshot(OutcomeKind.AUTH_MISSING, OLD),
                        Status.UNHEALTHY, StatusReason.AUTH_MISSING),
                // 2. auth_rejected / auth_insufficient_scope -> unhealthy, even when stale
                Arguments.of("auth rejected", WITH_SECRET, SecretState.AVAILABLE, snapshot(OutcomeKind.AUTH_REJECTED, FRESH),
                        Status.UNHEALTHY, StatusReason.AUTH_REJECTED),
                Arguments.of("auth rejected, stale", WITH_SECRET, SecretState.UNKNOWN, snapshot(OutcomeKind.AUTH_REJECTED, OLD),
                        Status.UNHEALTHY, StatusReason.AUTH_REJECTED),
                Arguments.of("insufficient scope", WITH_SECRET, SecretState.UNKNOWN,
                        snapshot(OutcomeKind.AUTH_INSUFFICIENT_SCOPE, FRESH),
                        Status.UNHEALTHY, StatusReason.AUTH_INSUFFICIENT_SCOPE),
                Arguments.of("authorization server refused the client", WITH_SECRET, SecretState.AVAILABLE,
                        snapshot(OutcomeKind.AUTH_SERVER_REFUSED, OLD),
                        Status.UNHEALTHY, StatusReason.AUTH_SERVER_REFUSED),
                // 3. tool_error -> unhealthy
                Arguments.of("tool error", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.TOOL_ERROR, FRESH),
                        Status.UNHEALTHY, StatusReason.TOOL_ERROR),
                // 4. no snapshot -> never_checked
                Arguments.of("never checked", OPEN, SecretState.NOT_REQUIRED, null,
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.NEVER_CHECKED),
                Arguments.of("never checked, secret available", WITH_SECRET, SecretState.AVAILABLE, null,
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.NEVER_CHECKED),
                // 5. older than the stale window -> stale (even if it said ok)
                Arguments.of("stale ok", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.OK, OLD),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.STALE),
                Arguments.of("stale timeout", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.TIMEOUT, OLD),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.STALE),
                // 6. not connected -> its outcome
                Arguments.of("timeout", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.TIMEOUT, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.TIMEOUT),
                Arguments.of("unreachable", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.UNREACHABLE, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.UNREACHABLE),
                Arguments.of("http error", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.HTTP_ERROR, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.HTTP_ERROR),
                Arguments.of("protocol error", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.PROTOCOL_ERROR, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.PROTOCOL_ERROR),
                Arguments.of("rpc error", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.RPC_ERROR, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.RPC_ERROR),
                Arguments.of("oauth discovery failed", WITH_SECRET, SecretState.AVAILABLE,
                        snapshot(OutcomeKind.AUTH_DISCOVERY_FAILED, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.AUTH_DISCOVERY_FAILED),
                Arguments.of("token endpoint unreachable", WITH_SECRET, SecretState.AVAILABLE,
                        snapshot(OutcomeKind.AUTH_SERVER_UNREACHABLE, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.AUTH_SERVER_UNREACHABLE),
                Arguments.of("secret now available, last probe had none", WITH_SECRET, SecretState.AVAILABLE,
                        snapshot(OutcomeKind.AUTH_MISSING, FRESH),
                        Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.AUTH_MISSING),
                // 7. otherwise connected
                Arguments.of("connected", OPEN, SecretState.NOT_REQUIRED, snapshot(OutcomeKind.OK, FRESH),
                        Status.CONNECTED, StatusReason.OK),
                Arguments.of("connected with secret", WITH_SECRET, SecretState.UNKNOWN, snapshot(OutcomeKind.OK, FRESH),
                        Status.CONNECTED, StatusReason.OK),
                // paused endpoints are listed but never probed
                Arguments.of("paused", endpoint(new AuthRef.None(), false), SecretState.NOT_REQUIRED,
                        snapshot(OutcomeKind.OK, FRESH), Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.PAUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designTable")
    void derivesEachRowOfTheDesignTable(String row, Endpoint endpoint, SecretState secret, HealthSnapshot snapshot,
                                        Status status, StatusReason reason) {
        DerivedStatus derived = policy.derive(endpoint, secret, Optional.ofNullable(snapshot), NOW, INTERVAL);

        assertThat(derived).isEqualTo(new DerivedStatus(status, reason));
        assertThat(derived.connected()).isEqualTo(status == Status.CONNECTED);
    }

    @Nested
    class StaleWindowBoundaries {

        @Test
        void snapshotExactlyAtTheEdgeIsStillFresh() {
            var atEdge = snapshot(OutcomeKind.OK, NOW.minus(STALE_WINDOW));

            assertThat(policy.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(atEdge), NOW, INTERVAL))
                    .isEqualTo(new DerivedStatus(Status.CONNECTED, StatusReason.OK));
        }

        @Test
        void oneMillisecondPastTheEdgeIsStale() {
            var past = snapshot(OutcomeKind.OK, NOW.minus(STALE_WINDOW).minusMillis(1));

            assertThat(policy.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(past), NOW, INTERVAL))
                    .isEqualTo(new DerivedStatus(Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.STALE));
        }

        @Test
        void aCheckUpToTheJitterWindowLateIsStillFreshAndOneMillisecondMoreIsStale() {
            Duration window = Duration.ofSeconds(60);
            var jittered = new StatusPolicy(Clock.fixed(NOW, ZoneOffset.UTC), StatusPolicy.graceFor(window));
            var movedLate = snapshot(OutcomeKind.OK, NOW.minus(STALE_WINDOW).minus(window));
            var later = snapshot(OutcomeKind.OK, NOW.minus(STALE_WINDOW).minus(window).minusMillis(1));

            assertThat(jittered.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(movedLate), NOW, INTERVAL))
                    .isEqualTo(new DerivedStatus(Status.CONNECTED, StatusReason.OK));
            assertThat(jittered.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(later), NOW, INTERVAL).reason())
                    .isEqualTo(StatusReason.STALE);
            assertThat(StatusPolicy.graceFor(Duration.ZERO)).isEqualTo(StatusPolicy.DEFAULT_GRACE);
        }

        @Test
        void oneMissedCycleShowsAsNotConnected() {
            var missedOne = snapshot(OutcomeKind.OK, NOW.minus(INTERVAL.multipliedBy(2)));

            assertThat(policy.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(missedOne), NOW, INTERVAL).reason())
                    .isEqualTo(StatusReason.STALE);
        }

        /** At any interval the window may be set to, a cycle missed after the check shows before the next one runs. */
        @ParameterizedTest(name = "interval {0} s, jitter window set to {1} s")
        @CsvSource({"45, 60", "60, 60", "120, 60", "300, 60", "300, 900", "3600, 60"})
        void oneMissedCycleShowsAsStaleWhateverTheJitterWindowIsSetTo(long intervalSeconds, long jitterSeconds) {
            Duration interval = Duration.ofSeconds(intervalSeconds);
            Duration window = StatusPolicy.jitterWindowWithin(Duration.ofSeconds(jitterSeconds), interval);
            var jittered = new StatusPolicy(Clock.fixed(NOW, ZoneOffset.UTC), StatusPolicy.graceFor(window));
            // Checked as late in the window as a shard may start; the next cycle was missed; the one after is due now.
            Instant checkedAt = NOW.minus(interval.multipliedBy(2)).plus(window);
            var missedOne = snapshot(OutcomeKind.OK, checkedAt, checkedAt.plus(interval));

            assertThat(jittered.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(missedOne), NOW, interval).reason())
                    .isEqualTo(StatusReason.STALE);
        }

        @Test
        void aJitterWindowIsKeptWhereItLeavesTheStaleEdgeBeforeTheNextCycleAndBoundedWhereItWouldNot() {
            assertThat(StatusPolicy.jitterWindowWithin(Duration.ofSeconds(60), Duration.ofMinutes(5)))
                    .isEqualTo(Duration.ofSeconds(60));
            assertThat(StatusPolicy.jitterWindowWithin(Duration.ofSeconds(600), Duration.ofMinutes(5)))
                    .isEqualTo(Duration.ofSeconds(86));
            assertThat(StatusPolicy.jitterWindowWithin(Duration.ofSeconds(60), Duration.ofSeconds(60)))
                    .isEqualTo(Duration.ofSeconds(6));
            assertThat(StatusPolicy.jitterWindowWithin(Duration.ofSeconds(60), Duration.ofSeconds(30)))
                    .as("an interval with no slack beyond the grace and the deadline gets no window").isEqualTo(Duration.ZERO);
        }

        @Test
        void theWindowUsesTheEndpointsOwnDeadline() {
            Endpoint slow = new Endpoint(new EndpointId("slow"), "slow", Map.of(), URI.create("https://x.example.com"),
                    Transport.AUTO, new AuthRef.None(), Duration.ofSeconds(30), Optional.empty(), true);
            var snap = snapshot(OutcomeKind.OK, NOW.minus(INTERVAL).minusSeconds(50));

            assertThat(policy.derive(slow, SecretState.NOT_REQUIRED, Optional.of(snap), NOW, INTERVAL).reason())
                    .isEqualTo(StatusReason.OK);
            assertThat(policy.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(snap), NOW, INTERVAL).reason())
                    .isEqualTo(StatusReason.STALE);
        }

        @Test
        void anEndpointInBackoffIsJudgedAgainstItsOwnNextProbeTime() {
            // Failed 20 minutes ago, next probe due in 10 minutes: far older than the fleet window, yet not stale.
            Instant checkedAt = NOW.minus(Duration.ofMinutes(20));
            var inBackoff = snapshot(OutcomeKind.UNREACHABLE, checkedAt, checkedAt.plus(Duration.ofMinutes(30)));

            assertThat(policy.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(inBackoff), NOW, INTERVAL))
                    .isEqualTo(new DerivedStatus(Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.UNREACHABLE));
        }

        @Test
        void anEndpointWhoseBackoffProbeWasMissedBecomesStale() {
            Instant checkedAt = NOW.minus(Duration.ofMinutes(50));
            Instant nextProbeAfter = checkedAt.plus(Duration.ofMinutes(30));
            var missed = snapshot(OutcomeKind.UNREACHABLE, checkedAt, nextProbeAfter);
            // The last cycle that finds it due comes at most half an interval after nextProbeAfter.
            Instant edge = nextProbeAfter.plus(INTERVAL.dividedBy(2)).plus(TIMEOUT).plus(GRACE);

            assertThat(policy.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(missed), edge, INTERVAL).reason())
                    .isEqualTo(StatusReason.UNREACHABLE);
            assertThat(policy.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(missed), edge.plusMillis(1), INTERVAL)
                    .reason()).isEqualTo(StatusReason.STALE);
        }
    }

    @Test
    void theClockSuppliesNowWhenNoneIsGiven() {
        var snap = snapshot(OutcomeKind.OK, NOW.minus(STALE_WINDOW).minusMillis(1));
        var later = new StatusPolicy(Clock.fixed(NOW, ZoneOffset.UTC), GRACE);
        var earlier = new StatusPolicy(Clock.fixed(NOW.minusSeconds(1), ZoneOffset.UTC), GRACE);

        assertThat(later.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(snap), INTERVAL).reason())
                .isEqualTo(StatusReason.STALE);
        assertThat(earlier.derive(OPEN, SecretState.NOT_REQUIRED, Optional.of(snap), INTERVAL).reason())
                .isEqualTo(StatusReason.OK);
    }
}
