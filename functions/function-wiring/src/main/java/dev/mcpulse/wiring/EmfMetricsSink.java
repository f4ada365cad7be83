package dev.mcpulse.wiring;

import dev.mcpulse.domain.metrics.Metric;
import dev.mcpulse.domain.port.MetricsSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Metrics as CloudWatch embedded metric format (EMF) lines on standard output, each its own line, so that CloudWatch
 * Logs extracts them from the function's log group (no API call, no client, nothing to load on a cold start):
 * <pre>{"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":"mcpulse","Dimensions":[["FunctionName"]],
 * "Metrics":[{"Name":"Outcome_ok","Unit":"Count"},…]}]},"FunctionName":"…","Outcome_ok":3,"ProbeLatency":[412,95],…}</pre>
 * One line per batch. The specification's limits are kept: at most {@value #MAX_METRICS_PER_DIRECTIVE} metrics per
 * directive (more go to further directives of the same line), at most {@value #MAX_DIMENSIONS} dimensions, at most
 * {@value #MAX_VALUES} values per metric on a line (more continue on further lines).
 *
 * <p>A count of zero is left out. CloudWatch bills a custom metric for each hour in
 * which it is sent, and most of mcpulse's counts are zero most hours (the outcomes a fleet does not have, failures
 * of the store or the prober, escalations): sent as zeros they were 28 metrics billed all month (docs/cost.md). A
 * missing point reads as zero on the stack's dashboard; an alarm on one of these counts treats missing data as not
 * breaching.
 */
public final class EmfMetricsSink implements MetricsSink {

    public static final String NAMESPACE = "mcpulse";
    /** The one dimension: the function's name, one value per function of one stack (low cardinality). */
    public static final String FUNCTION_NAME_DIMENSION = "FunctionName";
    static final int MAX_METRICS_PER_DIRECTIVE = 100;
    static final int MAX_DIMENSIONS = 30;
    static final int MAX_VALUES = 100;
    /** A usable metric or dimension name: a plain identifier, never {@code _aws}, never anything to escape. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,254}");

    /** Where the lines go: standard output in a function. */
    @FunctionalInterface
    public interface Output {
        Output STANDARD_OUTPUT = line -> {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            // One write of the whole line: logback's console appender writes its lines to the same stream, whole.
            System.out.write(bytes, 0, bytes.length);
            System.out.flush();
        };

        void line(String line);
    }

    private final Map<String, String> dimensions;
    private final Clock clock;
    private final Output output;

    public EmfMetricsSink(Map<String, String> dimensions, Clock clock, Output output) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("EMF allows at most " + MAX_DIMENSIONS + " dimensions, not "
                    + dimensions.size());
        }
        dimensions.forEach((name, value) -> {
            requireName("dimension", name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("dimension " + name + " has no value");
            }
        });
        this.dimensions = new LinkedHashMap<>(dimensions);
        this.clock = clock;
        this.output = output;
    }

    @Override
    public void publish(List<Metric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        Map<String, Metric> byName = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            requireName("metric", metric.name());
            if (dimensions.containsKey(metric.name()) || byName.putIfAbsent(metric.name(), metric) != null) {
                throw new IllegalArgumentException("metric name " + metric.name() + " is used twice");
            }
        }
        byName.values().removeIf(EmfMetricsSink::nothingToSend);
        if (byName.isEmpty()) {
            return;
        }
        long timestamp = clock.millis();
        List<Metric> remaining = List.copyOf(byName.values());
        for (int offset = 0; !remaining.isEmpty(); offset += MAX_VALUES) {
            int from = offset;
            output.line(line(timestamp, remaining, from));
            remaining = remaining.stream().filter(m -> m.values().size() > from + MAX_VALUES).toList();
        }
    }

    /** One document: the metrics given, each with its values from {@code from} (at most {@value #MAX_VALUES}). */
    String line(long timestamp, List<Metric> metrics, int from) {
        StringBuilder out = new StringBuilder(256 + metrics.size() * 64);
        out.append("{\"_aws\":{\"Timestamp\":").append(timestamp).append(",\"CloudWatchMetrics\":[");
        for (int start = 0; start < metrics.size(); start += MAX_METRICS_PER_DIRECTIVE) {
            if (start > 0) {
                out.append(',');
            }
            out.append("{\"Namespace\":");
            JsonText.appendString(out, NAMESPACE).append(",\"Dimensions\":[[");
            boolean first = true;
            for (String dimension : dimensions.keySet()) {
                out.append(first ? "" : ",");
                JsonText.appendString(out, dimension);
                first = false;
            }
            out.append("]],\"Metrics\":[");
            List<Metric> directive = metrics.subList(start, Math.min(metrics.size(), start + MAX_METRICS_PER_DIRECTIVE));
            for (int i = 0; i < directive.size(); i++) {
                out.append(i > 0 ? "," : "").append("{\"Name\":");
                JsonText.appendString(out, directive.get(i).name()).append(",\"Unit\":");
                JsonText.appendString(out, directive.get(i).unit().cloudWatchName()).append('}');
            }
            out.append("]}");
        }
        out.append("]}");
        dimensions.forEach((name, value) -> {
            out.append(',');
            JsonText.appendString(out, name).append(':');
            JsonText.appendString(out, value);
        });
        for (Metric metric : metrics) {
            out.append(',');
            JsonText.appendString(out, metric.name()).append(':');
            List<Double> values = metric.values().subList(from, Math.min(metric.values().size(), from + MAX_VALUES));
            if (values.size() == 1) {
                JsonText.appendNumber(out, values.getFirst());
            } else {
                out.append('[');
                for (int i = 0; i < values.size(); i++) {
                    JsonText.appendNumber(out.append(i > 0 ? "," : ""), values.get(i));
                }
                out.append(']');
            }
        }
        return out.append('}').toString();
    }

    private static boolean nothingToSend(Metric metric) {
        return metric.unit() == Metric.Unit.COUNT && metric.sum() == 0;
    }

    private static void requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals("_aws")) {
            throw new IllegalArgumentException("not a usable " + what + " name: " + name);
        }
    }
}
