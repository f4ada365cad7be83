package dev.mcpulse.bench.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local runner's scheduler cycles as its output shows them, timed as each line arrives. A {@code scheduler cycle}
 * line (logged once the cycle has handed over its shards) starts one and says how many shards it has; each
 * {@code shard probed}, {@code shard failed} or {@code shard not queued} (all its endpoints still held by an earlier
 * cycle's shards) line ends one shard. The runner probes shards first come, first
 * served, so cycle k has ended when as many shards have ended as cycles 1 to k hold: cycles that overlap are still
 * told apart. The process's CPU is read as a cycle's line comes and as it ends.
 */
final class CycleLines implements Consumer<String> {

    private static final Pattern CYCLE = Pattern.compile(
            "Scheduler: scheduler cycle .*endpointsDue=\"(\\d+)\".* shards=\"(\\d+)\"");
    private static final Pattern SHARD_ENDED = Pattern.compile("InProcessProbeDispatcher: shard (probed|failed|not queued)");

    /**
     * One cycle: when its line came, and (once they have) when its last shard ended, as nanoTime values; the
     * process's CPU seconds at both.
     */
    record Cycle(int number, int endpointsDue, int shards, long loggedNanos, double cpuAtLine, Optional<Long> endedNanos,
                 double cpuAtEnd) {
    }

    private final LongSupplier nanoTime;
    private final DoubleSupplier cpuSeconds;
    private final List<Cycle> cycles = new ArrayList<>();
    private int shardsEnded;

    CycleLines(LongSupplier nanoTime, DoubleSupplier cpuSeconds) {
        this.nanoTime = nanoTime;
        this.cpuSeconds = cpuSeconds;
    }

    @Override
    public synchronized void accept(String line) {
        Matcher cycle = CYCLE.matcher(line);
        if (cycle.find()) {
            cycles.add(new Cycle(cycles.size() + 1, Integer.parseInt(cycle.group(1)), Integer.parseInt(cycle.group(2)),
                    nanoTime.getAsLong(), cpuSeconds.getAsDouble(), Optional.empty(), Double.NaN));
        } else if (SHARD_ENDED.matcher(line).find()) {
            shardsEnded++;
        } else {
            return;
        }
        endCycles();
        notifyAll();
    }

    /** Marks every cycle whose shards, with those of the cycles before it, have now all ended. */
    private void endCycles() {
        int shardsBefore = 0;
        for (int i = 0; i < cycles.size(); i++) {
            Cycle cycle = cycles.get(i);
            shardsBefore += cycle.shards();
            if (cycle.endedNanos().isEmpty() && shardsEnded >= shardsBefore) {
                cycles.set(i, new Cycle(cycle.number(), cycle.endpointsDue(), cycle.shards(), cycle.loggedNanos(),
                        cycle.cpuAtLine(), Optional.of(nanoTime.getAsLong()), cpuSeconds.getAsDouble()));
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
