package dev.mcpulse.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The functions' Clock bean in tests: moved by hand (a cycle later is {@code advance(interval)}, no sleeping),
 * and optionally ticking on every read, so that probes started at the "same" moment still get distinct
 * {@code checkedAt}s, as on a real clock.
 *
 * <p>It starts at the real now (to the minute) unless a test asks otherwise: what a test writes meets real TTLs
 * (DynamoDB Local deletes expired history in the background), certificates and caches, so a clock pinned to the
 * day a test was written makes a test that fails some days later. Fixed instants belong only where nothing can
 * expire.
 */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private volatile Duration tick = Duration.ZERO;

    /** Starts at {@link #realNowToTheMinute()}. */
    public ManualClock() {
        this(realNowToTheMinute());
    }

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * The real now, truncated to the minute: a test's T0 when what it writes can expire. Whole minutes keep the
     * instants a test prints readable; the real date keeps every TTL it writes in the future.
     */
    public static Instant realNowToTheMinute() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES);
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
