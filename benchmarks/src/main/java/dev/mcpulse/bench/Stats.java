package dev.mcpulse.bench;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics over repeated measurements (nearest-rank percentiles: no interpolation between samples). */
public record Stats(double[] sorted) {

    public static Stats of(Collection<? extends Number> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] values = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return new Stats(values);
    }

    public static Stats of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] values = samples.clone();
        Arrays.sort(values);
        return new Stats(values);
    }

    public int count() {
        return sorted.length;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double median() {
        return percentile(50);
    }

    /** The smallest sample at or above which {@code p} percent of the samples lie (nearest rank). */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
