package dev.mcpulse.bench.probefn;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * The heap in use, sampled every few milliseconds on a thread of its own while something runs: the peak seen, the
 * heap committed at the end, and the collections meanwhile. Sampling misses the few bytes allocated and freed
 * between two samples; at this rate that is noise next to what a thousand probes hold.
 */
final class HeapSampler implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(5);

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long collectionsBefore = collections();
    private final long collectionMillisBefore = collectionMillis();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakUsed;

    HeapSampler() {
        peakUsed = used();
        thread = Thread.ofPlatform().name("heap-sampler").daemon().start(this::sample);
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The JVM's collectors, e.g. {@code G1_Young_Generation+G1_Old_Generation} (one word). */
    static String collectorNames() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(gc -> gc.getName().replace(' ', '_')).toList());
    }

    private void sample() {
        while (running) {
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used > peakUsed) {
                peakUsed = used;
            }
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long peakUsed() {
        return peakUsed;
    }

    long committed() {
        return memory.getHeapMemoryUsage().getCommitted();
    }

    long collectionsSince() {
        return collections() - collectionsBefore;
    }

    long collectionMillisSince() {
        return collectionMillis() - collectionMillisBefore;
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(c -> c > 0).sum();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
