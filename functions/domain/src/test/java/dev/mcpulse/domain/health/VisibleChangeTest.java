package dev.mcpulse.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which differences between the stored snapshot and a check's make the check write (one row per field). */
class VisibleChangeTest {

    static final Instant STORED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant NEXT_AT = STORED_AT.plus(Duration.ofMinutes(5));
    static final Duration INTERVAL = Duration.ofMinutes(5);

    static HealthSnapshot snapshot(Instant at) {
        return new HealthSnapshot(new EndpointId("ep"), at, OutcomeKind.OK, Optional.empty(), Optional.of(200),
                Optional.empty(), Optional.of(3), Optional.of("h1"), Optional.empty(), Optional.of(Era.MODERN),
                Optional.of("2026-07-28"), Optional.of("srv"), Optional.of("1.0"), Latency.total(20), 0, 0,
                Optional.of(at), at.plus(INTERVAL), Optional.of(STORED_AT.plus(Duration.ofHours(2))));
    }

    /** A copy of the check's snapshot with one field changed. */
    static HealthSnapshot with(UnaryOperator<Object[]> change) {
        HealthSnapshot s = snapshot(NEXT_AT);
        Object[] f = {s.outcome(), s.failedStep(), s.httpStatus(), s.lastError(), s.toolsCount(), s.toolsHash(),
                s.toolsChangedAt(), s.era(), s.protocolVersion(), s.serverName(), s.serverVersion(), s.latency(),
                s.consecutiveFailures(), s.consecutiveAuthFailures(), s.lastSuccessAt(), s.nextProbeAfter(),
                s.tokenExpiresAt()};
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        HealthSnapshot changed = new HealthSnapshot(s.endpointId(), s.checkedAt(), (OutcomeKind) f[0],
                (Optional<ProbeStep>) f[1], (Optional<Integer>) f[2], (Optional<String>) f[3],
                (Optional<Integer>) f[4], (Optional<String>) f[5], (Optional<Instant>) f[6], (Optional<Era>) f[7],
                (Optional<String>) f[8], (Optional<String>) f[9], (Optional<String>) f[10], (Latency) f[11],
                (int) f[12], (int) f[13], (Optional<Instant>) f[14], (Instant) f[15], (Optional<Instant>) f[16]);
        return changed;
    }

    static UnaryOperator<Object[]> set(int field, Object value) {
        return f -> {
            f[field] = value;
            return f;
        };
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("nothing but the check's own time and latency", set(11, Latency.total(999)), false),
                Arguments.of("outcome", set(0, OutcomeKind.HTTP_ERROR), true),
                Arguments.of("failed step", set(1, Optional.of(ProbeStep.TOOLS_LIST)), true),
                Arguments.of("http status", set(2, Optional.of(503)), true),
                Arguments.of("error", set(3, Optional.of("boom")), true),
                Arguments.of("tools count", set(4, Optional.of(4)), true),
                Arguments.of("tools hash", set(5, Optional.of("h2")), true),
                Arguments.of("tools changed at", set(6, Optional.of(NEXT_AT)), true),
                Arguments.of("era", set(7, Optional.of(Era.LEGACY_STREAMABLE_HTTP)), true),
                Arguments.of("protocol", set(8, Optional.of("2025-06-18")), true),
                Arguments.of("server name", set(9, Optional.of("other")), true),
                Arguments.of("server version", set(10, Optional.of("2.0")), true),
                Arguments.of("failure counter", set(12, 1), true),
                Arguments.of("auth failure counter", set(13, 1), true),
                Arguments.of("last success that is not this check", set(14, Optional.of(STORED_AT)), true),
                Arguments.of("delay to the next check", set(15, NEXT_AT.plus(INTERVAL).plusSeconds(1)), true),
                Arguments.of("token expiry", set(16, Optional.of(NEXT_AT.plus(Duration.ofHours(2)))), true));
    }

    @ParameterizedTest(name = "{0} -> write {2}")
    @MethodSource("rows")
    void aCheckWritesExactlyWhenSomethingAnOperatorSeesChanged(String what, UnaryOperator<Object[]> change,
                                                               boolean write) {
        assertThat(VisibleChange.mustWrite(snapshot(STORED_AT), with(change))).isEqualTo(write);
    }

    @ParameterizedTest(name = "{0} minutes after the stored snapshot -> write {1}")
    @MethodSource("heartbeatRows")
    void anUnchangedCheckWritesOnceTheStoredSnapshotIsAnHourOld(long minutes, boolean write) {
        assertThat(VisibleChange.mustWrite(snapshot(STORED_AT), snapshot(STORED_AT.plus(Duration.ofMinutes(minutes)))))
                .isEqualTo(write);
    }

    static Stream<Arguments> heartbeatRows() {
        return Stream.of(Arguments.of(5, false), Arguments.of(59, false), Arguments.of(60, true),
                Arguments.of(0, true), Arguments.of(-5, true));
    }
}
