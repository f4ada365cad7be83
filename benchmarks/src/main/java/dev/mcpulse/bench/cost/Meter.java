package dev.mcpulse.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cost run's tallies, one per phase, in the child process ({@link CostFunctionsMain}). The phases run one after
 * the other on the main thread (a scheduler cycle, then each shard as its own invocation, then API requests), so
 * whatever any thread does meanwhile — the SDK's calls from an event loop, a log line — belongs to the current phase.
 */
public final class Meter {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * EndpointChecker's message when a probe ran while this process was overloaded (here: other work on the shared
     * core) and is probed again later instead of recorded: on Lambda a shard has its core to itself.
     */
    static final String OVERLOAD_RETRY = "probing again later instead of recording it";
    private static final Map<String, Tally> TALLIES = new LinkedHashMap<>();
    private static volatile String phase = "setup";
    /** The functions' clock, for the time from an item's write to its expiry. */
    private static volatile java.util.function.Supplier<java.time.Instant> clock = java.time.Instant::now;

    private Meter() {
    }

    static void clock(java.util.function.Supplier<java.time.Instant> functionsClock) {
        clock = functionsClock;
    }

    public static synchronized void phase(String name) {
        phase = name;
    }

    static synchronized Tally current() {
        return TALLIES.computeIfAbsent(phase, name -> new Tally());
    }

    /** A figure of the current phase (its wall time, its shard's endpoints…). */
    static void figure(String name, Object value) {
        current().figures.put(name, String.valueOf(value));
    }

    static synchronized Map<String, PhaseFigures> all() {
        Map<String, PhaseFigures> all = new LinkedHashMap<>();
        TALLIES.forEach((name, tally) -> all.put(name, tally.figures()));
        return all;
    }

    /** One phase's counts; synchronized, as SDK calls and log lines arrive from several threads. */
    static final class Tally {
        private final Map<String, Long> calls = new TreeMap<>();
        private final Map<String, Long> failures = new TreeMap<>();
        private final Map<String, PhaseFigures.Sizes> itemSizes = new TreeMap<>();
        private final Set<String> emfMetrics = new TreeSet<>();
        private final Map<String, String> figures = new TreeMap<>();
        private double rruReported;
        private double wruReported;
        private long requestsWithCapacity;
        private long dynamoDbRequests;
        private double rruComputed;
        private double wruComputed;
        private double failedWriteUnits;
        private long sqsChunks;
        private long logBytes;
        private long logLines;
        private long emfLines;
        private long overloadRetries;

        synchronized void call(String operation) {
            calls.merge(operation, 1L, Long::sum);
        }

        synchronized void failure(String operation) {
            failures.merge(operation, 1L, Long::sum);
        }

        synchronized void dynamoDb(Capacity capacity) {
            dynamoDbRequests++;
            if (capacity.reported()) {
                requestsWithCapacity++;
                rruReported += capacity.rruReported();
                wruReported += capacity.wruReported();
            }
            rruComputed += capacity.rruComputed();
            wruComputed += capacity.wruComputed();
        }

        /** A write refused by its condition: billed as the write it would have been, but reported by no response. */
        synchronized void failedWrite(double units) {
            failedWriteUnits += units;
            wruComputed += units;
        }

        synchronized void written(String kind, long bytes, java.util.OptionalLong expiresAt) {
            double ttl = expiresAt.isPresent() ? expiresAt.getAsLong() - clock.get().getEpochSecond() : 0;
            itemSizes.merge(kind, new PhaseFigures.Sizes(1, bytes, bytes, expiresAt.isPresent() ? 1 : 0, ttl),
                    PhaseFigures.Sizes::plus);
        }

        synchronized void sqsChunks(long chunks) {
            sqsChunks += chunks;
        }

        synchronized void logLine(String line, long bytes) {
            logBytes += bytes;
            logLines++;
            if (line.contains(OVERLOAD_RETRY)) {
                overloadRetries++;
            }
            if (line.startsWith("{\"_aws\"")) {
                emfLines++;
                emfMetrics.addAll(metricsOf(line));
            }
        }

        synchronized PhaseFigures figures() {
            return new PhaseFigures(Map.copyOf(calls), Map.copyOf(failures), rruReported, wruReported,
                    requestsWithCapacity, dynamoDbRequests, rruComputed, wruComputed, failedWriteUnits, sqsChunks, Map.copyOf(itemSizes),
                    logBytes, logLines, emfLines, overloadRetries, Set.copyOf(emfMetrics), Map.copyOf(figures));
        }
    }

    /** What one DynamoDB request consumed: as DynamoDB Local reported it (if it did) and as computed from the items. */
    record Capacity(boolean reported, double rruReported, double wruReported, double rruComputed, double wruComputed) {
    }

    /**
     * The custom metrics an EMF line defines: one per namespace, metric name and dimension values (CloudWatch bills
     * each such combination as one metric).
     */
    static Set<String> metricsOf(String line) {
        Set<String> metrics = new TreeSet<>();
        try {
            JsonNode root = JSON.readTree(line);
            for (JsonNode directive : root.path("_aws").path("CloudWatchMetrics")) {
                StringBuilder dimensions = new StringBuilder();
                for (JsonNode set : directive.path("Dimensions")) {
                    for (JsonNode dimension : set) {
                        dimensions.append(dimension.asText()).append('=').append(root.path(dimension.asText()).asText())
                                .append(';');
                    }
                }
                for (JsonNode metric : directive.path("Metrics")) {
                    metrics.add(directive.path("Namespace").asText() + "/" + metric.path("Name").asText() + "/"
                            + dimensions);
                }
            }
        } catch (IOException e) {
            metrics.add("unreadable EMF line");
        }
        return metrics;
    }
}
