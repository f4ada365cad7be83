package dev.mcpulse.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The local runner's lines as it prints them (LocalMcpulse's console format), in the orders they can come. */
class CycleLinesTest {

    static String cycle(int due, int shards) {
        return "03:14:14 INFO  Scheduler: scheduler cycle endpointsEnabled=\"" + due + "\" endpointsDue=\"" + due
                + "\" skippedInBackoff=\"0\" shardsDispatched=\"" + shards + "\" shards=\"" + shards + "\"";
    }

    static final String PROBED = "03:14:15 INFO  InProcessProbeDispatcher: shard probed shard=\"0\" probed=\"25\""
            + " connected=\"23\" skipped=\"0\"";
    static final String FAILED = "03:14:15 ERROR InProcessProbeDispatcher: shard failed shard=\"1\"";
    static final String NOT_QUEUED = "03:14:45 INFO  InProcessProbeDispatcher: shard not queued: an earlier cycle holds"
            + " all of it shard=\"3\"";
    static final Duration NO_WAIT = Duration.ZERO;

    final AtomicLong now = new AtomicLong(1_000);
    final AtomicLong cpuMillis = new AtomicLong();
    final CycleLines lines = new CycleLines(now::get, () -> cpuMillis.get() / 1000.0);

    @Test
    void aCycleEndsWithTheLineOfItsLastShardProbedOrFailed() throws InterruptedException {
        cpuMillis.set(500);
        lines.accept(cycle(50, 2));
        now.set(2_000);
        lines.accept(PROBED);
        assertThat(lines.awaitEnded(1, NO_WAIT)).isEmpty();
        now.set(3_000);
        cpuMillis.set(2_000);
        lines.accept(FAILED);

        CycleLines.Cycle cycle = lines.awaitEnded(1, NO_WAIT).orElseThrow();
        assertThat(cycle.loggedNanos()).isEqualTo(1_000);
        assertThat(cycle.endedNanos()).contains(3_000L);
        assertThat(cycle.endpointsDue()).isEqualTo(50);
        assertThat(cycle.shards()).isEqualTo(2);
        assertThat(cycle.cpuAtEnd() - cycle.cpuAtLine()).isEqualTo(1.5);
    }

    @Test
    void overlappingCyclesAreToldApartByTheirShardCounts() throws InterruptedException {
        lines.accept(cycle(25, 1));
        lines.accept(cycle(50, 2)); // the first cycle's shard has not ended yet
        now.set(5_000);
        lines.accept(PROBED);
        assertThat(lines.awaitEnded(1, NO_WAIT).flatMap(CycleLines.Cycle::endedNanos)).contains(5_000L);
        assertThat(lines.awaitEnded(2, NO_WAIT)).isEmpty();
        now.set(6_000);
        lines.accept(PROBED);
        now.set(7_000);
        lines.accept(NOT_QUEUED);
        assertThat(lines.awaitEnded(2, NO_WAIT).flatMap(CycleLines.Cycle::endedNanos)).contains(7_000L);
    }

    @Test
    void otherLinesChangeNothingAndACycleWithoutShardsEndsAtOnce() throws InterruptedException {
        lines.accept("03:14:15 INFO  EndpointChecker: probe result endpointId=\"x\" outcome=\"ok\"");
        assertThat(lines.awaitLogged(1, NO_WAIT)).isEmpty();
        lines.accept(cycle(0, 0));
        assertThat(lines.awaitEnded(1, NO_WAIT).flatMap(CycleLines.Cycle::endedNanos)).isEqualTo(Optional.of(1_000L));
    }
}
