package dev.mcpulse.domain.service;

import dev.mcpulse.domain.port.LocalLoad;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The hold-ups of one thread (or event loop) that runs a small task every {@code period}: a task that runs late ran
 * late because the thread was held up — no CPU for it, or other work queued ahead of it — for as long as it was late.
 * Each hold-up is kept as an interval for a while, so that a probe can ask how long its thread was held up during
 * its own window, including a hold-up still under way (the task has not run yet though it is due).
 */
public final class LagMeter implements LocalLoad {

    /** Lateness below this is the timer's ordinary slack, not a hold-up. */
    static final Duration SLACK = Duration.ofMillis(3);
    /** Hold-ups older than this are forgotten: longer than any invocation. */
    static final Duration HORIZON = Duration.ofMinutes(5);

    private record Stall(Instant from, Instant to) {
    }

    private final Clock clock;
    private final Duration period;
    private final Deque<Stall> stalls = new ArrayDeque<>();
    private Instant due;

    /** {@code period}: how often the owner runs {@link #tick()}; the first tick is due one period from now. */
    public LagMeter(Clock clock, Duration period) {
        this.clock = clock;
        this.period = period;
        this.due = clock.instant().plus(period);
    }

    public Duration period() {
        return period;
    }

    /** The task ran: how late it was is a hold-up; the next one is due one period from now. */
    public synchronized void tick() {
        Instant now = clock.instant();
        if (Duration.between(due, now).compareTo(SLACK) > 0) {
            stalls.addLast(new Stall(due, now));
        }
        due = now.plus(period);
        Instant forgotten = now.minus(HORIZON);
        while (!stalls.isEmpty() && stalls.peekFirst().to().isBefore(forgotten)) {
            stalls.removeFirst();
        }
    }

    /** How long the thread was held up between {@code from} and now, a hold-up under way included. */
    public synchronized Duration stalledSince(Instant from) {
        Instant now = clock.instant();
        Duration total = Duration.ZERO;
        // Newest first, stopping at the first that ended before the window: hold-ups are kept in the order they
        // happened, and every probe asks about its own recent window, while a busy thread keeps thousands of them.
        for (Iterator<Stall> newestFirst = stalls.descendingIterator(); newestFirst.hasNext(); ) {
            Stall stall = newestFirst.next();
            if (!stall.to().isAfter(from)) {
                break;
            }
            total = total.plus(overlap(stall.from(), stall.to(), from, now));
        }
        if (Duration.between(due, now).compareTo(SLACK) > 0) {
            total = total.plus(overlap(due, now, from, now));
        }
        return total;
    }

    private static Duration overlap(Instant start, Instant end, Instant windowStart, Instant windowEnd) {
        Instant from = start.isAfter(windowStart) ? start : windowStart;
        Instant to = end.isBefore(windowEnd) ? end : windowEnd;
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    @Override
    public Mark mark() {
        Instant from = clock.instant();
        return new Mark() {
            @Override
            public Duration stalled() {
                return stalledSince(from);
            }

            @Override
            public Duration elapsed() {
                return Duration.between(from, clock.instant());
            }
        };
    }
}
