package dev.mcpulse.storage.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Independent read requests run at once on a small pool of platform threads, rather than on the async client: that
 * needs Netty or the CRT, the heavy HTTP stacks the functions leave out for their cold start, and each of these calls
 * spends its time waiting on the network, not on the Lambda's one or two vCPUs. Threads that sit idle for a minute
 * end, so a warm container keeps none.
 */
final class ParallelReads {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService threads;

    /** {@code name}: the threads' name prefix; {@code threads}: the most requests in flight at once. */
    ParallelReads(String name, int threads) {
        String prefix = name + "-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, prefix + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
    }

    /**
     * {@code work} applied to every input, at once, results in the inputs' order. The first failure is thrown after
     * every call has ended, so no read outlives the caller's view of the failure.
     */
    <T, R> List<R> each(List<T> inputs, Function<T, R> work) {
        List<Future<R>> futures = inputs.stream().map(input -> threads.submit(() -> work.apply(input))).toList();
        List<R> results = new ArrayList<>(futures.size());
        RuntimeException failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while reading from DynamoDB", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
