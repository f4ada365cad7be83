package dev.mcpulse.local;

import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.service.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EventBridge schedule of the local runner: a scheduler cycle at once, then one every interval. A failing cycle
 * is logged and the next one still runs.
 */
final class CycleTimer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CycleTimer.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "mcpulse-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    /** Set before stopping: a cycle cut short by the stop is not an error worth reporting. */
    private volatile boolean closing;

    CycleTimer(Scheduler scheduler, Duration interval, Runnable beforeEachCycle) {
        timer.scheduleAtFixedRate(() -> {
            try {
                beforeEachCycle.run();
                scheduler.runCycle();
            } catch (RuntimeException e) {
                if (!closing) {
                    LOG.atError().log("scheduler cycle failed: {}", FailureDescription.of(e));
                }
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
