package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.metrics.Metric;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The EMF lines against the embedded metric format specification (CloudWatch, "Specification: Embedded metric
 * format"): a root object with {@code _aws} = {Timestamp (ms since the epoch), CloudWatchMetrics: [MetricDirective]};
 * a directive = {Namespace, Dimensions: [[dimension names]], Metrics: [{Name, Unit}]}, at most 100 metrics and at most
 * 30 dimensions; every dimension a top-level string member, every metric a top-level number or array of at most 100
 * numbers.
 */
class EmfMetricsSinkTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    final List<String> lines = new ArrayList<>();
    final EmfMetricsSink sink = new EmfMetricsSink(Map.of("FunctionName", "mcpulse-prod-ProbeFunction-Ab12"),
            Clock.fixed(NOW, ZoneOffset.UTC), lines::add);

    @Test
    void aBatchIsOneLineInTheSpecificationsShapeWithTheValuesAsTopLevelMembers() {
        sink.publish(List.of(Metric.count("Outcome_ok", 3), Metric.count("Outcome_timeout", 0),
                Metric.milliseconds("ProbeLatency", List.of(412L, 95L, 1_000L))));

        assertThat(lines).hasSize(1);
        String line = lines.getFirst();
        assertThat(line).doesNotContain("\n");
        Map<String, Object> document = validDocument(line);
        assertThat(document).isEqualTo(Map.of(
                "_aws", Map.of("Timestamp", NOW.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", "mcpulse",
                        "Dimensions", List.of(List.of("FunctionName")),
                        "Metrics", List.of(Map.of("Name", "Outcome_ok", "Unit", "Count"),
                                Map.of("Name", "ProbeLatency", "Unit", "Milliseconds"))))),
                "FunctionName", "mcpulse-prod-ProbeFunction-Ab12",
                "Outcome_ok", 3, "ProbeLatency", List.of(412, 95, 1000)));
    }

    @Test
    void aCountOfZeroIsNotSentSoCloudWatchBillsNoHourForIt() {
        sink.publish(List.of(Metric.count("Outcome_timeout", 0), Metric.count("StoreFailures", 0)));
        assertThat(lines).as("nothing to send: no line at all").isEmpty();

        sink.publish(List.of(Metric.count("Outcome_timeout", 0), Metric.count("Outcome_unreachable", 2),
                Metric.milliseconds("CycleDuration", List.of(0L))));
        Map<String, Object> document = validDocument(lines.getFirst());
        assertThat(document).doesNotContainKey("Outcome_timeout")
                .containsEntry("Outcome_unreachable", 2).containsEntry("CycleDuration", 0);
        assertThat(document.get("_aws").toString()).doesNotContain("Outcome_timeout");
    }

    @Test
    void moreThanOneHundredMetricsGoToFurtherDirectivesOfTheSameLine() {
        sink.publish(IntStream.range(0, 250).mapToObj(i -> Metric.count("M" + i, i + 1)).toList());

        assertThat(lines).hasSize(1);
        Map<String, Object> document = validDocument(lines.getFirst());
        assertThat(directives(document)).extracting(d -> ((List<?>) d.get("Metrics")).size())
                .containsExactly(100, 100, 50);
        assertThat(document).containsEntry("M0", 1).containsEntry("M249", 250);
    }

    @Test
    void moreThanOneHundredValuesOfAMetricContinueOnFurtherLines() {
        List<Long> latencies = LongStream.range(0, 250).boxed().toList();

        sink.publish(List.of(Metric.count("Outcome_ok", 250), Metric.milliseconds("ProbeLatency", latencies)));

        assertThat(lines).hasSize(3);
        List<Map<String, Object>> documents = lines.stream().map(EmfMetricsSinkTest::validDocument).toList();
        assertThat(documents.get(0)).containsEntry("Outcome_ok", 250);
        assertThat(documents.get(1)).doesNotContainKey("Outcome_ok");
        List<Object> all = new ArrayList<>();
        documents.forEach(d -> all.addAll((List<?>) d.get("ProbeLatency")));
        assertThat(all).hasSize(250).startsWith(0, 1).endsWith(249);
        assertThat(documents).extracting(d -> ((List<?>) d.get("ProbeLatency")).size()).containsExactly(100, 100, 50);
    }

    @Test
    void theSpecificationsLimitsAndAmbiguousNamesAreRefused() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        IntStream.range(0, 31).forEach(i -> dimensions.put("D" + i, "v"));
        assertThatThrownBy(() -> new EmfMetricsSink(dimensions, Clock.systemUTC(), lines::add))
                .hasMessageContaining("at most 30 dimensions");
        assertThatThrownBy(() -> sink.publish(List.of(Metric.count("x", 1), Metric.count("x", 2))))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> sink.publish(List.of(Metric.count("FunctionName", 1))))
                .hasMessageContaining("used twice");
        assertThatThrownBy(() -> sink.publish(List.of(Metric.count("_aws", 1)))).hasMessageContaining("not a usable");
        assertThatThrownBy(() -> sink.publish(List.of(Metric.count("a\"b", 1)))).hasMessageContaining("not a usable");
        assertThatThrownBy(() -> new Metric("NaN", Metric.Unit.COUNT, List.of(Double.NaN)))
                .hasMessageContaining("not a finite number");
        assertThat(lines).isEmpty();
    }

    @Test
    void aDimensionValueIsEscaped() {
        List<String> out = new ArrayList<>();
        new EmfMetricsSink(Map.of("FunctionName", "odd \"name\"\n"), Clock.systemUTC(), out::add)
                .publish(List.of(Metric.count("Outcome_ok", 1)));

        assertThat(out).singleElement().satisfies(line -> assertThat(validDocument(line))
                .containsEntry("FunctionName", "odd \"name\"\n"));
    }

    /** Parses one line and checks it against the specification's rules; returns the document. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> validDocument(String line) {
        assertThat(line).doesNotContain("\n").startsWith("{").endsWith("}");
        Map<String, Object> document;
        try {
            document = JsonMapper.createDefault().readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
        Map<String, Object> aws = (Map<String, Object>) document.get("_aws");
        assertThat(aws).as("_aws").isNotNull().containsOnlyKeys("Timestamp", "CloudWatchMetrics");
        assertThat(aws.get("Timestamp")).isInstanceOf(Number.class);
        assertThat(directives(document)).isNotEmpty().allSatisfy(directive -> {
            assertThat(directive).containsOnlyKeys("Namespace", "Dimensions", "Metrics");
            assertThat(directive.get("Namespace")).isInstanceOf(String.class);
            List<List<String>> dimensionSets = (List<List<String>>) directive.get("Dimensions");
            assertThat(dimensionSets).allSatisfy(set -> {
                assertThat(set).hasSizeLessThanOrEqualTo(30);
                set.forEach(name -> assertThat(document.get(name)).as("dimension %s", name).isInstanceOf(String.class));
            });
            List<Map<String, Object>> metrics = (List<Map<String, Object>>) directive.get("Metrics");
            assertThat(metrics).hasSizeBetween(1, 100).allSatisfy(metric -> {
                assertThat(metric).containsKey("Name");
                assertThat(Set.of("Name", "Unit", "StorageResolution")).containsAll(metric.keySet());
                Object value = document.get(metric.get("Name"));
                if (value instanceof List<?> values) {
                    assertThat(values).hasSizeBetween(1, 100).allSatisfy(v -> assertThat(v).isInstanceOf(Number.class));
                } else {
                    assertThat(value).as("metric %s", metric.get("Name")).isInstanceOf(Number.class);
                }
            });
        });
        return document;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> directives(Map<String, Object> document) {
        return (List<Map<String, Object>>) ((Map<String, Object>) document.get("_aws")).get("CloudWatchMetrics");
    }
}
