package dev.mcpulse.bench.fanout;

import dev.mcpulse.bench.fanout.FleetMix.Category;
import java.util.List;
import java.util.Map;

/**
 * The naive loop's time for a whole fleet, from a sample: each category's mean time per endpoint times the number
 * of such endpoints in the fleet. Per category, because a black hole costs the whole deadline and a healthy server a
 * few milliseconds: a sample that is not in the fleet's exact proportions still extrapolates right.
 */
final class Extrapolation {

    private Extrapolation() {
    }

    static double sequentialSeconds(Map<Category, List<Double>> sampleSeconds, Map<Category, Integer> fleetCounts) {
        double total = 0;
        for (Map.Entry<Category, Integer> category : fleetCounts.entrySet()) {
            if (category.getValue() == 0) {
                continue;
            }
            List<Double> seconds = sampleSeconds.getOrDefault(category.getKey(), List.of());
            if (seconds.isEmpty()) {
                throw new IllegalArgumentException("the sample has no " + category.getKey() + " endpoint to extrapolate from");
            }
            double mean = seconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            total += mean * category.getValue();
        }
        return total;
    }
}
