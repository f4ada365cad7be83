package dev.mcpulse.domain.memory;

import dev.mcpulse.domain.metrics.Metric;
import dev.mcpulse.domain.port.MetricsSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** The batches published, kept in memory: for domain tests. */
public final class InMemoryMetricsSink implements MetricsSink {

    private final List<List<Metric>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void publish(List<Metric> metrics) {
        batches.add(List.copyOf(metrics));
    }

    public List<List<Metric>> batches() {
        return List.copyOf(batches);
    }

    /** The last batch, by metric name, each metric's values summed. */
    public Map<String, Double> lastSums() {
        if (batches.isEmpty()) {
            throw new IllegalStateException("no metrics were published");
        }
        return batches.getLast().stream().collect(Collectors.toMap(Metric::name, Metric::sum));
    }
}
