package dev.mcpulse.bench.load;

import dev.mcpulse.bench.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one route saw during the load run: the latency of every answered request, and every error by kind — an HTTP
 * status other than 2xx ({@code HTTP 503}) or a transport failure (its exception's name). Thread-safe.
 */
final class RouteStats {

    private final String route;
    private final List<Double> okMillis = new ArrayList<>();
    private final Map<String, Integer> errors = new TreeMap<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int requests;

    RouteStats(String route) {
        this.route = route;
    }

    synchronized void answered(int status, double millis) {
        requests++;
        if (status >= 200 && status < 300) {
            okMillis.add(millis);
        } else {
            errors.merge("HTTP " + status, 1, Integer::sum);
        }
    }

    /** For "check now": the probe outcome a 2xx answer reported (a failed probe is an answer, not an error). */
    synchronized void outcome(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    synchronized Map<String, Integer> outcomes() {
        return new TreeMap<>(outcomes);
    }

    synchronized void failed(Throwable failure) {
        requests++;
        errors.merge(failure.getClass().getSimpleName(), 1, Integer::sum);
    }

    String route() {
        return route;
    }

    synchronized int requests() {
        return requests;
    }

    synchronized int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    synchronized Map<String, Integer> errors() {
        return new TreeMap<>(errors);
    }

    /** Latencies of the 2xx answers; empty when there were none. */
    synchronized Optional<Stats> latency() {
        return okMillis.isEmpty() ? Optional.empty() : Optional.of(Stats.of(okMillis));
    }
}
