package dev.mcpulse.api;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** What the bad-input corpus tried and what came back, for the summary the test prints (docs/reliability.md). */
final class CorpusTally {

    private final Map<String, Integer> byCategory = new TreeMap<>();
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger fleetFiles = new AtomicInteger();
    private final AtomicInteger fleetFilesParsed = new AtomicInteger();
    private final AtomicInteger commandLineRuns = new AtomicInteger();
    private Duration slowest = Duration.ZERO;
    private String slowestCase = "";

    synchronized void request(String category, int status, Duration took, String name) {
        requests.incrementAndGet();
        answer(category, status, took, name);
    }

    synchronized void fleetFile(String category, int status, Duration took, String name) {
        fleetFiles.incrementAndGet();
        answer(category, status, took, name);
    }

    void fleetFileParsed() {
        fleetFilesParsed.incrementAndGet();
    }

    void commandLineRun() {
        commandLineRuns.incrementAndGet();
    }

    private void answer(String category, int status, Duration took, String name) {
        byCategory.merge(category, 1, Integer::sum);
        byStatus.merge(status, 1, Integer::sum);
        if (took.compareTo(slowest) > 0) {
            slowest = took;
            slowestCase = name;
        }
    }

    synchronized String summary() {
        int total = requests.get() + fleetFiles.get();
        long serverErrors = byStatus.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        long clientErrors = byStatus.entrySet().stream().filter(e -> e.getKey() >= 400 && e.getKey() < 500)
                .mapToLong(Map.Entry::getValue).sum();
        return "bad input corpus: " + total + " cases sent through the api function (" + requests.get()
                + " malformed requests, " + fleetFiles.get() + " fleet files imported; " + fleetFilesParsed.get()
                + " of those files also refused by FleetFile and " + commandLineRuns.get() + " by mcpulse-probe --fleet)\n"
                + "  by category: " + join(byCategory) + "\n"
                + "  by status:   " + join(byStatus) + "  (4xx: " + clientErrors + ", other: "
                + (total - clientErrors - serverErrors) + ")\n"
                + "  5xx:         " + serverErrors + "\n"
                + "  slowest:     " + slowest.toMillis() + " ms (" + slowestCase + ")";
    }

    private static String join(Map<?, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
