package dev.mcpulse.domain.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Bounds the probes in flight in one process. A probe past the bound waits its turn and starts — its deadline with
 * it — only when admitted, so a process short of CPU (a small Lambda, the local runner with a large fleet) probes
 * fewer servers at once instead of letting every probe run out of time and blaming healthy servers for it
 * ({@code timeout} is a verdict on the server; a queue is not).
 *
 * <p>The bound adapts to what the process can do now (additive increase, multiplicative decrease, as TCP does with
 * its window): a probe that ran while the process was overloaded halves it — at most once per {@link #COOL_DOWN},
 * so that one wave of late probes counts once — and each run of probes as long as the bound without overload
 * raises it by one, up to the configured ceiling. A static bound cannot be right: the CPU a probe needs depends
 * on the server, and the CPU the process has depends on its neighbours.
 */
public final class ProbeAdmission {

    /** Probes per available processor: a probe costs about 1-5 ms of CPU (docs/benchmarks.md B2). */
    public static final int PER_PROCESSOR = 32;
    /** Floor, so a one-processor container still probes a whole shard at once. */
    public static final int AT_LEAST = 25;

    /** The least time between two halvings. */
    public static final Duration COOL_DOWN = Duration.ofSeconds(1);

    private final int ceiling;
    private final Clock clock;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int limit;
    private int inFlight;
    private int clearSinceRaise;
    private Instant lastHalved;

    /** {@code ceiling}: the most probes in flight, and the bound to start with. */
    public ProbeAdmission(int ceiling) {
        this(ceiling, Clock.systemUTC());
    }

    /** {@code clock}: spaces the halvings. */
    public ProbeAdmission(int ceiling, Clock clock) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("probes in flight must be at least 1, was " + ceiling);
        }
        this.ceiling = ceiling;
        this.limit = ceiling;
        this.clock = clock;
        this.lastHalved = clock.instant().minus(COOL_DOWN);
    }

    /** The bound for this machine: {@value #PER_PROCESSOR} per processor, at least {@value #AT_LEAST}. */
    public static ProbeAdmission forThisMachine() {
        return new ProbeAdmission(Math.max(AT_LEAST, PER_PROCESSOR * Runtime.getRuntime().availableProcessors()));
    }

    /** The configured ceiling. */
    public int limit() {
        return ceiling;
    }

    /** The bound now. */
    public synchronized int current() {
        return limit;
    }

    /** A probe ran while the process was overloaded: halve the bound (not below 1), unless it was halved just now. */
    public synchronized void overloaded() {
        Instant now = clock.instant();
        if (Duration.between(lastHalved, now).compareTo(COOL_DOWN) >= 0) {
            limit = Math.max(1, limit / 2);
            lastHalved = now;
            clearSinceRaise = 0;
        }
    }

    /** A probe ran without overload: after as many such probes as the bound, raise it by one (up to the ceiling). */
    public void clear() {
        List<Runnable> start;
        synchronized (this) {
            if (++clearSinceRaise < limit) {
                return;
            }
            clearSinceRaise = 0;
            limit = Math.min(ceiling, limit + 1);
            start = admitWaiting();
        }
        start.forEach(CompletableFuture::runAsync);
    }

    /** Starts {@code probe} now if a place is free, else when one frees up; completes as the started probe does. */
    public <T> CompletableFuture<T> admit(Supplier<CompletableFuture<T>> probe) {
        CompletableFuture<T> admitted = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> running;
            try {
                running = probe.get();
            } catch (Throwable thrown) { // contained: the caller sees it as the probe's failure
                running = CompletableFuture.failedFuture(thrown);
            }
            running.whenComplete((value, failure) -> {
                release();
                if (failure != null) {
                    admitted.completeExceptionally(failure);
                } else {
                    admitted.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = inFlight < limit;
            if (now) {
                inFlight++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return admitted;
    }

    /**
     * A probe ended: its place goes to the next one waiting, unless the bound was lowered meanwhile (started on another
     * thread: no deep recursion).
     */
    private void release() {
        List<Runnable> start;
        synchronized (this) {
            inFlight--;
            start = admitWaiting();
        }
        start.forEach(CompletableFuture::runAsync);
    }

    /** Takes places for as many waiting probes as the bound allows now; the caller starts them outside the lock. */
    private List<Runnable> admitWaiting() {
        List<Runnable> start = new ArrayList<>();
        while (inFlight < limit && !waiting.isEmpty()) {
            inFlight++;
            start.add(waiting.poll());
        }
        return start;
    }

    /** Probes in flight now; for tests and logs. */
    public synchronized int inFlight() {
        return inFlight;
    }
}
