package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.ProbeResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The hostile-server figure: every behaviour tried, its outcome, how long the probe took against its deadline and
 * how much heap the JVM allocated meanwhile. Allocation is counted over every thread (the probe's event loops,
 * its timers, and the loopback server too), so it bounds how much the probe could have buffered: a probe that held
 * a 1 GiB body would allocate at least that much. Each probe must end within its deadline plus a second of grace
 * and allocate under {@link #HEAP_BOUND_BYTES}; neither is a speed measurement, only proof of "no hang, no hoard".
 */
final class HostileCorpus {

    static final long HEAP_BOUND_BYTES = 64L * 1024 * 1024;
    private static final long GRACE_MS = 1_000;
    private static final long RELEASE_PATIENCE_MS = 2_000;

    record Row(String behaviour, String outcome, long elapsedMs, long deadlineMs, long allocatedBytes, boolean released) {
        long overDeadlineMs() {
            return Math.max(0, elapsedMs - deadlineMs);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final int threadAllowance;
    private int threadsBeforeFirst = -1;
    private int threadsAfterLast;

    /** {@code threadAllowance}: how many platform threads the cases may start in all, beyond those alive before. */
    HostileCorpus(int threadAllowance) {
        this.threadAllowance = threadAllowance;
    }

    /**
     * Runs one probe against {@code server}, checks it ended in time with bounded allocation and let go of every
     * connection, and records it under {@code behaviour}.
     */
    synchronized ProbeResult probe(String behaviour, RawHttpServer server, long deadlineMs,
                                   Supplier<CompletableFuture<ProbeResult>> probe) {
        if (threadsBeforeFirst < 0) {
            threadsBeforeFirst = platformThreads();
        }
        long allocatedBefore = allocatedBytes();
        long started = System.nanoTime();
        ProbeResult result;
        try {
            result = probe.get().get(deadlineMs + GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(behaviour + ": the probe did not complete normally within its deadline (+1 s of grace)", e);
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long allocated = allocatedBytes() - allocatedBefore;
        boolean released = released(server);
        threadsAfterLast = platformThreads();
        rows.add(new Row(behaviour, outcomeOf(result), elapsedMs, deadlineMs, allocated, released));
        assertThat(allocated).as("%s: heap allocated while probing", behaviour).isLessThan(HEAP_BOUND_BYTES);
        assertThat(released).as("%s: every connection closed within %d ms of the outcome", behaviour, RELEASE_PATIENCE_MS).isTrue();
        return result;
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The figure as a Markdown table with a summary line, for docs/reliability.md. */
    synchronized String report() {
        StringBuilder out = new StringBuilder();
        out.append("| behaviour | outcome | time (ms) | deadline (ms) | heap allocated (MiB) | connections released |\n|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %s |%n", row.behaviour(),
                    row.outcome().replace("|", "\\|"), row.elapsedMs(), row.deadlineMs(), mib(row.allocatedBytes()),
                    row.released() ? "yes" : "NO"));
        }
        long maxOver = rows.stream().mapToLong(Row::overDeadlineMs).max().orElse(0);
        long maxAllocated = rows.stream().mapToLong(Row::allocatedBytes).max().orElse(0);
        out.append(String.format(Locale.ROOT, "%nhostile corpus: %d behaviours, %d classified within deadline + %d ms, "
                        + "max time over deadline %d ms, max heap allocated during one probe %.1f MiB (bound %d MiB)%n",
                rows.size(), rows.stream().filter(r -> r.overDeadlineMs() <= GRACE_MS).count(), GRACE_MS, maxOver,
                mib(maxAllocated), HEAP_BOUND_BYTES / (1024 * 1024)));
        out.append(String.format(Locale.ROOT, "platform threads: %d before the first case, %d after the last (at most %d more allowed)%n",
                threadsBeforeFirst, threadsAfterLast, threadAllowance));
        return out.toString();
    }

    /** The cases, however many ran, started no more platform threads than the allowance (none per probe). */
    synchronized void assertThreadsBounded() {
        assertThat(threadsBeforeFirst).as("no case ran").isNotNegative();
        assertThat(threadsAfterLast - threadsBeforeFirst)
                .as("platform threads started by %d cases (%d before the first, %d after the last)", rows.size(),
                        threadsBeforeFirst, threadsAfterLast)
                .isLessThanOrEqualTo(threadAllowance);
    }

    /** Prints the figure and keeps it in {@code target/hostile-corpus.md}. */
    void publish() throws IOException {
        String report = report();
        System.out.println(report);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("hostile-corpus.md"), report);
        }
    }

    private static String outcomeOf(ProbeResult result) {
        String detail = result.outcome().describe();
        detail = detail.length() <= 120 ? detail : detail.substring(0, 119) + "…";
        return "`" + result.outcome().kind().code() + "`" + (detail.isEmpty() ? "" : " " + detail);
    }

    private static boolean released(RawHttpServer server) {
        try {
            return server.allConnectionsReleased(java.time.Duration.ofMillis(RELEASE_PATIENCE_MS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }
}
