package dev.mcpulse.bench.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local runner's scheduler cycles as its output shows them, timed as each line arrives. A {@code scheduler cycle}
 * line (logged once the cycle has handed over its shards) names the cycle by its start ({@code cycleStartedAt}) and
 * says how many shards it has; each {@code shard probed}, {@code shard failed} or {@code shard not queued} (all its
 * endpoints still held by an earlier cycle's shards) line names its cycle the same way and ends one of its shards.
 * A cycle has ended when all its shards have, whatever the order of the lines of cycles that overlap. The process's
 * CPU is read as a cycle's line comes and as it ends.
 */
final class CycleLines implements Consumer<String> {

    private static final Pattern CYCLE = Pattern.compile("Scheduler: scheduler cycle .*cycleStartedAt=\"([^\"]+)\""
            + ".*endpointsDue=\"(\\d+)\".* shards=\"(\\d+)\"");
    private static final Pattern SHARD_ENDED = Pattern.compile(
            "InProcessProbeDispatcher: shard (?:probed|failed|not queued).*cycleStartedAt=\"([^\"]+)\"");

    /**
     * One cycle: its start (the scheduler's clock); when its line came and (once they have) when its last shard
     * ended, as nanoTime values; the process's CPU seconds at both.
     */
    record Cycle(int number, Instant startedAt, int endpointsDue, int shards, long loggedNanos, double cpuAtLine,
                 Optional<Long> endedNanos, double cpuAtEnd) {

        Cycle ended(long nanos, double cpu) {
            return new Cycle(number, startedAt, endpointsDue, shards, loggedNanos, cpuAtLine, Optional.of(nanos), cpu);
        }
    }

    private final LongSupplier nanoTime;
    private final DoubleSupplier cpuSeconds;
    private final List<Cycle> cycles = new ArrayList<>();
    /** Shards ended per cycle start; a quick shard can end before its cycle's own line is printed. */
    private final Map<Instant, Integer> shardsEnded = new HashMap<>();

    CycleLines(LongSupplier nanoTime, DoubleSupplier cpuSeconds) {
        this.nanoTime = nanoTime;
        this.cpuSeconds = cpuSeconds;
    }

    @Override
    public synchronized void accept(String line) {
        Matcher cycle = CYCLE.matcher(line);
        Matcher shard = SHARD_ENDED.matcher(line);
        if (cycle.find()) {
            cycles.add(new Cycle(cycles.size() + 1, Instant.parse(cycle.group(1)), Integer.parseInt(cycle.group(2)),
                    Integer.parseInt(cycle.group(3)), nanoTime.getAsLong(), cpuSeconds.getAsDouble(), Optional.empty(),
                    Double.NaN));
        } else if (shard.find()) {
            shardsEnded.merge(Instant.parse(shard.group(1)), 1, Integer::sum);
        } else {
            return;
        }
        endCycles();
        notifyAll();
    }

    private void endCycles() {
        for (int i = 0; i < cycles.size(); i++) {
            Cycle cycle = cycles.get(i);
            if (cycle.endedNanos().isEmpty()
                    && shardsEnded.getOrDefault(cycle.startedAt(), 0) >= cycle.shards()) {
                cycles.set(i, cycle.ended(nanoTime.getAsLong(), cpuSeconds.getAsDouble()));
            }
        }
    }

    /** Cycle {@code number} (from 1) once its line has come, or empty when it does not come in time. */
    synchronized Optional<Cycle> awaitLogged(int number, Duration timeout) throws InterruptedException {
        return await(number, timeout, false);
    }

    /** Cycle {@code number} once its last shard has ended, or empty when that does not happen in time. */
    synchronized Optional<Cycle> awaitEnded(int number, Duration timeout) throws InterruptedException {
        return await(number, timeout, true);
    }

    private Optional<Cycle> await(int number, Duration timeout, boolean ended) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (cycles.size() >= number && (!ended || cycles.get(number - 1).endedNanos().isPresent())) {
                return Optional.of(cycles.get(number - 1));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
