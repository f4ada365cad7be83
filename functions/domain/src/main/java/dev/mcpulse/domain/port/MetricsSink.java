package dev.mcpulse.domain.port;

import dev.mcpulse.domain.metrics.Metric;
import java.util.List;

/**
 * Where a cycle's or a shard's metrics go: one batch per cycle and per shard (on AWS one CloudWatch embedded metric
 * format line). Publishing must not fail the work it measures: an implementation does not throw.
 */
@FunctionalInterface
public interface MetricsSink {

    /** Metrics off (the local runner, tests that do not look). */
    MetricsSink NONE = metrics -> {
    };

    void publish(List<Metric> metrics);
}
