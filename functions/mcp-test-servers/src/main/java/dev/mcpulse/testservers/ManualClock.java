package dev.mcpulse.testservers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The functions' Clock bean in tests: moved by hand (a cycle later is {@code advance(interval)}, no sleeping),
 * and optionally ticking on every read, so that probes started at the "same" moment still get distinct
 * {@code checkedAt}s, as on a real clock.
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private volatile Duration tick = Duration.ZERO;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration by) {
        now.updateAndGet(instant -> instant.plus(by));
    }

    /** Every later read returns a moment {@code step} after the one before. */
    public void tickOnEveryRead(Duration step) {
        tick = step;
    }

    @Override
    public Instant instant() {
        Duration step = tick;
        return step.isZero() ? now.get() : now.getAndUpdate(instant -> instant.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
