package dev.mcpulse.domain.metrics;

import java.util.List;

/**
 * One metric of a batch: its name, its unit and its values (one per observation — a count is one value, probe
 * latency one value per probe, so that CloudWatch can compute percentiles).
 */
public record Metric(String name, Unit unit, List<Double> values) {

    /** The CloudWatch units mcpulse uses, with their CloudWatch names. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    public Metric {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a metric needs a name");
        }
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("metric " + name + " has no value");
        }
        if (values.stream().anyMatch(v -> !Double.isFinite(v))) {
            throw new IllegalArgumentException("metric " + name + " has a value that is not a finite number");
        }
    }

    public static Metric count(String name, long count) {
        return new Metric(name, Unit.COUNT, List.of((double) count));
    }

    public static Metric milliseconds(String name, List<Long> values) {
        return new Metric(name, Unit.MILLISECONDS, values.stream().map(Long::doubleValue).toList());
    }

    /** The sum of the values (a count's count). */
    public double sum() {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
