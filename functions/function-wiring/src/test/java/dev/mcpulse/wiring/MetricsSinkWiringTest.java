package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.metrics.Metric;
import dev.mcpulse.domain.port.MetricsSink;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Metrics are on in a Lambda function — {@code AWS_LAMBDA_FUNCTION_NAME}, which Micronaut reads as the property
 * {@code aws.lambda.function.name}, becomes the {@code FunctionName} dimension — and off elsewhere (the local runner).
 */
class MetricsSinkWiringTest {

    /** Captures the lines instead of standard output. */
    static final class Lines extends CopyOnWriteArrayList<String> implements EmfMetricsSink.Output {
        @Override
        public void line(String line) {
            add(line);
        }
    }

    @Test
    void inALambdaFunctionTheSinkWritesEmfLinesNamedAfterTheFunction() {
        Lines lines = new Lines();
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("aws.lambda.function.name", "mcpulse-prod-ProbeFunction-Ab12"))
                .singletons(lines).start()) {
            MetricsSink sink = context.getBean(MetricsSink.class);

            sink.publish(List.of(Metric.count("Outcome_ok", 2)));

            assertThat(sink).isInstanceOf(EmfMetricsSink.class);
            assertThat(lines).singleElement().asString()
                    .contains("\"Namespace\":\"mcpulse\"", "\"FunctionName\":\"mcpulse-prod-ProbeFunction-Ab12\"",
                            "\"Outcome_ok\":2");
        }
    }

    @Test
    void theMetricsPropertyOverridesTheFunctionName() {
        Lines lines = new Lines();
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("aws.lambda.function.name", "lambda-name",
                        "mcpulse.metrics.function-name", "chosen-name"))
                .singletons(lines).start()) {
            context.getBean(MetricsSink.class).publish(List.of(Metric.count("Outcome_ok", 1)));

            assertThat(lines).singleElement().asString().contains("\"FunctionName\":\"chosen-name\"");
        }
    }

    /** The template's PublishMetrics=false: a Lambda function that sends no metric, and says nothing for it. */
    @Test
    void metricsTurnedOffSendNothingInALambdaFunction() {
        Lines lines = new Lines();
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("aws.lambda.function.name", "mcpulse-prod-ProbeFunction-Ab12",
                        "mcpulse.metrics.enabled", "false"))
                .singletons(lines).start()) {
            MetricsSink sink = context.getBean(MetricsSink.class);

            sink.publish(List.of(Metric.count("Outcome_ok", 2)));

            assertThat(sink).isSameAs(MetricsSink.NONE);
            assertThat(lines).isEmpty();
        }
    }

    @Test
    void outsideLambdaMetricsAreOff() {
        try (ApplicationContext context = ApplicationContext.builder().start()) {
            assertThat(context.getBean(MetricsSink.class)).isSameAs(MetricsSink.NONE);
        }
    }
}
