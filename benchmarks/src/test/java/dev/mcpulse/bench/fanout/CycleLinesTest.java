package dev.mcpulse.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The local runner's lines as it prints them (LocalMcpulse's console format), in the orders they can come. */
class CycleLinesTest {

    static final Instant FIRST = Instant.parse("2026-12-04T03:46:39.123456789Z");
    static final Instant SECOND = FIRST.plusSeconds(30);
    static final Duration NO_WAIT = Duration.ZERO;

    static String cycle(Instant startedAt, int due, int shards) {
        return "03:14:14 INFO  Scheduler: scheduler cycle cycleStartedAt=\"" + startedAt + "\" endpointsEnabled=\"" + due
                + "\" endpointsDue=\"" + due + "\" skippedInBackoff=\"0\" shardsDispatched=\"" + shards + "\" shards=\""
                + shards + "\"";
    }

    static String probed(Instant cycle) {
        return "03:14:15 INFO  InProcessProbeDispatcher: shard probed cycleStartedAt=\"" + cycle + "\" shard=\"0\""
                + " probed=\"25\" connected=\"23\" skipped=\"0\"";
    }

    static String failed(Instant cycle) {
        return "03:14:15 ERROR InProcessProbeDispatcher: shard failed: boom cycleStartedAt=\"" + cycle + "\" shard=\"1\"";
    }

    static String notQueued(Instant cycle) {
        return "03:14:45 INFO  InProcessProbeDispatcher: shard not queued: an earlier cycle holds all of it"
                + " cycleStartedAt=\"" + cycle + "\" shard=\"3\"";
    }

    final AtomicLong now = new AtomicLong(1_000);
    final AtomicLong cpuMillis = new AtomicLong();
    final CycleLines lines = new CycleLines(now::get, () -> cpuMillis.get() / 1000.0);

    @Test
    void aCycleEndsWithTheLineOfItsLastShardProbedOrFailed() throws InterruptedException {
        cpuMillis.set(500);
        lines.accept(cycle(FIRST, 50, 2));
        now.set(2_000);
        lines.accept(probed(FIRST));
        assertThat(lines.awaitEnded(1, NO_WAIT)).isEmpty();
        now.set(3_000);
        cpuMillis.set(2_000);
        lines.accept(failed(FIRST));

        CycleLines.Cycle cycle = lines.awaitEnded(1, NO_WAIT).orElseThrow();
        assertThat(cycle.startedAt()).isEqualTo(FIRST);
        assertThat(cycle.loggedNanos()).isEqualTo(1_000);
        assertThat(cycle.endedNanos()).contains(3_000L);
        assertThat(cycle.endpointsDue()).isEqualTo(50);
        assertThat(cycle.shards()).isEqualTo(2);
        assertThat(cycle.cpuAtEnd() - cycle.cpuAtLine()).isEqualTo(1.5);
    }

    @Test
    void overlappingCyclesAreToldApartByTheCycleTheirShardsName() throws InterruptedException {
        lines.accept(cycle(FIRST, 25, 1));
        lines.accept(notQueued(SECOND)); // the second cycle's dropped shard, before its own line
        lines.accept(cycle(SECOND, 50, 2));
        now.set(4_000);
        lines.accept(probed(SECOND));
        assertThat(lines.awaitEnded(2, NO_WAIT).flatMap(CycleLines.Cycle::endedNanos)).contains(4_000L);
        assertThat(lines.awaitEnded(1, NO_WAIT)).as("its shard still runs").isEmpty();
        now.set(5_000);
        lines.accept(probed(FIRST));
        assertThat(lines.awaitEnded(1, NO_WAIT).flatMap(CycleLines.Cycle::endedNanos)).contains(5_000L);
    }

    @Test
    void otherLinesChangeNothingAndACycleWithoutShardsEndsAtOnce() throws InterruptedException {
        lines.accept("03:14:15 INFO  EndpointChecker: probe result endpointId=\"x\" outcome=\"ok\"");
        assertThat(lines.awaitLogged(1, NO_WAIT)).isEmpty();
        lines.accept(cycle(FIRST, 0, 0));
        assertThat(lines.awaitEnded(1, NO_WAIT).flatMap(CycleLines.Cycle::endedNanos)).isEqualTo(Optional.of(1_000L));
    }
}
