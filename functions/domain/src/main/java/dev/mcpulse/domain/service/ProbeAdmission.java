package dev.mcpulse.domain.service;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Bounds the probes in flight in one process. A probe past the bound waits its turn and starts — its deadline with
 * it — only when admitted, so a process short of CPU (a small Lambda, the local runner with a large fleet) probes
 * fewer servers at once instead of letting every probe run out of time and blaming healthy servers for it
 * ({@code timeout} is a verdict on the server; a queue is not).
 */
public final class ProbeAdmission {

    /** Probes per available processor: a probe costs about 1-5 ms of CPU (docs/benchmarks.md B2). */
    public static final int PER_PROCESSOR = 32;
    /** Floor, so a one-processor container still probes a whole shard at once. */
    public static final int AT_LEAST = 25;

    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    public ProbeAdmission(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("probes in flight must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** The bound for this machine: {@value #PER_PROCESSOR} per processor, at least {@value #AT_LEAST}. */
    public static ProbeAdmission forThisMachine() {
        return new ProbeAdmission(Math.max(AT_LEAST, PER_PROCESSOR * Runtime.getRuntime().availableProcessors()));
    }

    public int limit() {
        return limit;
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

    /** A probe ended: its place goes to the next one waiting (started on another thread: no deep recursion). */
    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        CompletableFuture.runAsync(next);
    }

    /** Probes in flight now; for tests and logs. */
    public synchronized int inFlight() {
        return inFlight;
    }
}
