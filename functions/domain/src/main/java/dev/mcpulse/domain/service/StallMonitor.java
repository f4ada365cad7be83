package dev.mcpulse.domain.service;

import dev.mcpulse.domain.port.LocalLoad;
import java.time.Clock;
import java.time.Duration;

/**
 * The whole process's hold-ups: a daemon thread that sleeps {@value #PERIOD_MILLIS} ms at a time and measures how late
 * it wakes. A process short of CPU (more runnable threads than cores, a small Lambda, a long GC pause) wakes it late.
 * It sees what every thread of the process suffers, not work queued on one thread: for that, the probe's event loops
 * have their own meters.
 */
public final class StallMonitor implements LocalLoad, AutoCloseable {

    static final long PERIOD_MILLIS = 10;

    private final LagMeter meter;
    private final Thread thread;

    private StallMonitor(Clock clock) {
        this.meter = new LagMeter(clock, Duration.ofMillis(PERIOD_MILLIS));
        this.thread = Thread.ofPlatform().daemon().name("mcpulse-stall-monitor").unstarted(this::run);
    }

    /** Started now, on the real clock; one per process is enough (see {@link #shared()}). */
    public static StallMonitor start() {
        StallMonitor monitor = new StallMonitor(Clock.systemUTC());
        monitor.thread.start();
        return monitor;
    }

    private static final class Shared {
        static final StallMonitor MONITOR = start();
    }

    /** The process's one monitor, started on first use. */
    public static StallMonitor shared() {
        return Shared.MONITOR;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PERIOD_MILLIS);
                meter.tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed
        }
    }

    @Override
    public Mark mark() {
        return meter.mark();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
