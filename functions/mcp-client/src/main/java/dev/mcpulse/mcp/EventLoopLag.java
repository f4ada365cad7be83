package dev.mcpulse.mcp;

import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.service.LagMeter;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The hold-ups of the probe's event loops, where every probe's bytes are read and its responses decoded: on each
 * loop a small task runs every {@value #PERIOD_MILLIS} ms and measures how late it ran. A loop with more work queued
 * than it can do in time (too many probes for the CPU this process has) runs it late, and so does a loop that gets
 * no CPU at all. A loop is watched from the first connection it carries until it shuts down.
 */
final class EventLoopLag implements LocalLoad {

    static final long PERIOD_MILLIS = 10;

    private final Clock clock;
    private final Map<EventExecutor, LagMeter> meters = new ConcurrentHashMap<>();

    EventLoopLag(Clock clock) {
        this.clock = clock;
    }

    /** Starts watching {@code loop}, unless it is watched already. */
    void watch(EventExecutor loop) {
        if (meters.containsKey(loop)) {
            return;
        }
        meters.computeIfAbsent(loop, watched -> {
            LagMeter meter = new LagMeter(clock, Duration.ofMillis(PERIOD_MILLIS));
            scheduleTick(watched, meter);
            return meter;
        });
    }

    private void scheduleTick(EventExecutor loop, LagMeter meter) {
        if (loop.isShuttingDown()) {
            meters.remove(loop);
            return;
        }
        try {
            loop.schedule(() -> {
                meter.tick();
                scheduleTick(loop, meter);
            }, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            meters.remove(loop);
        }
    }

    /** Loops watched now; for tests. */
    int watched() {
        return meters.size();
    }

    @Override
    public Mark mark() {
        List<LagMeter> watched = List.copyOf(meters.values());
        return watched.isEmpty() ? LocalLoad.NONE.mark() : LocalLoad.worstOf(watched.toArray(LocalLoad[]::new)).mark();
    }
}
