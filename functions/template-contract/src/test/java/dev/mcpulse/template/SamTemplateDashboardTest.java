package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.wiring.EmfMetricsSink;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CloudWatch dashboard shows every metric the code emits (the names come from {@link MetricNames}, the list the
 * functions publish from), in the namespace and with the dimension the EMF lines carry, for this stack's functions
 * and region; and its body is valid JSON once CloudFormation has substituted it.
 */
class SamTemplateDashboardTest {

    static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    static final String REGION = "eu-west-1";

    static SamTemplate sam;

    @BeforeAll
    static void load() {
        sam = SamTemplate.load();
    }

    /** The physical name CloudFormation would give a resource, as a stand-in for {@code Ref}. */
    static String physical(String logicalId) {
        return "mcpulse-staging-" + logicalId + "-1A2B3C";
    }

    /** The dashboard body as CloudFormation substitutes it: resources, pseudo parameters and the Sub's own variables. */
    static JsonNode dashboardBody() throws IOException {
        List<String> dashboards = sam.ofType("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).as("dashboards").hasSize(1);
        Map<String, Object> properties = sam.properties(dashboards.getFirst());
        assertThat(properties).as("no fixed physical name").doesNotContainKey("DashboardName");
        List<Object> sub = list(map(properties.get("DashboardBody")).get("Fn::Sub"));
        String body = (String) sub.get(0);
        Map<String, Object> variables = sub.size() > 1 ? map(sub.get(1)) : Map.of();
        Intrinsics intrinsics = new Intrinsics(sam, Map.of());
        Map<String, String> values = new HashMap<>();
        variables.forEach((name, value) -> values.put(name, String.valueOf(intrinsics.resolve(value))));
        values.put("AWS::Region", REGION);
        sam.resources().keySet().forEach(id -> values.put(id, physical(id)));

        Matcher variable = SUB_VARIABLE.matcher(body);
        StringBuilder substituted = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            assertThat(values).as("a ${%s} CloudFormation can substitute", name).containsKey(name);
            variable.appendReplacement(substituted, Matcher.quoteReplacement(values.get(name)));
        }
        variable.appendTail(substituted);
        return new ObjectMapper().readTree(substituted.toString()); // throws unless valid JSON
    }

    @Test
    void theBodyIsValidJsonAfterSubstitutionAndEveryWidgetIsInThisStacksRegion() throws IOException {
        JsonNode widgets = dashboardBody().path("widgets");

        assertThat(widgets.isArray()).isTrue();
        assertThat(widgets).isNotEmpty().allSatisfy(widget -> {
            assertThat(widget.path("properties").path("region").asText()).isEqualTo(REGION);
            assertThat(widget.path("properties").path("title").asText()).isNotBlank();
        });
    }

    @Test
    void everyMetricTheCodeEmitsIsOnTheDashboardWithItsNamespaceDimensionAndFunction() throws IOException {
        Set<String> probe = new HashSet<>();
        Set<String> scheduler = new HashSet<>();
        Set<String> other = new HashSet<>();
        for (JsonNode widget : dashboardBody().path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                assertThat(metric.get(0).asText()).as("namespace of %s", metric).isEqualTo(EmfMetricsSink.NAMESPACE);
                assertThat(metric.get(2).asText()).as("dimension of %s", metric)
                        .isEqualTo(EmfMetricsSink.FUNCTION_NAME_DIMENSION);
                String function = metric.get(3).asText();
                String name = metric.get(1).asText();
                if (function.equals(physical("ProbeFunction"))) {
                    probe.add(name);
                } else if (function.equals(physical("SchedulerFunction"))) {
                    scheduler.add(name);
                } else {
                    assertThat(function).as("a function of this stack").isEqualTo(physical("ApiFunction"));
                    other.add(name);
                }
            }
        }

        assertThat(probe).as("the probe function's metrics on the dashboard")
                .containsAll(MetricNames.perShard());
        assertThat(scheduler).as("the scheduler function's metrics on the dashboard")
                .containsAll(MetricNames.perCycle());
        Set<String> emitted = new HashSet<>(MetricNames.perShard());
        emitted.addAll(MetricNames.perCycle());
        assertThat(probe).as("no metric the probe does not emit").isSubsetOf(MetricNames.perShard());
        assertThat(scheduler).as("no metric the scheduler does not emit").isSubsetOf(MetricNames.perCycle());
        assertThat(other).isSubsetOf(emitted);
    }

    /**
     * PublishMetrics: on by default; every function gets it as mcpulse.metrics.enabled (the property the metrics sink
     * reads); turned off, the stack has no metrics dashboard nor its output, and every alarm stays, on AWS's metrics.
     */
    @Test
    void publishMetricsTurnsTheFunctionsMetricsAndTheirDashboardOnAndOffTogether() {
        assertThat(sam.parameter("PublishMetrics").get("Default")).isEqualTo("true");
        for (String function : sam.ofType("AWS::Serverless::Function")) {
            assertThat(sam.environment(function)).as(function)
                    .containsEntry("MCPULSE_METRICS_ENABLED", Map.of("Ref", "PublishMetrics"));
        }
        String dashboard = sam.ofType("AWS::CloudWatch::Dashboard").getFirst();
        assertThat(sam.resource(dashboard).get("Condition")).isEqualTo("PublishesMetrics");
        assertThat(map(sam.outputs().get("MetricsDashboardName")).get("Condition")).isEqualTo("PublishesMetrics");
        assertThat(new Intrinsics(sam, Map.of()).condition("PublishesMetrics")).isTrue();
        assertThat(new Intrinsics(sam, Map.of("PublishMetrics", "false")).condition("PublishesMetrics")).isFalse();
        for (String alarm : sam.ofType("AWS::CloudWatch::Alarm")) {
            assertThat(sam.resource(alarm)).as(alarm).doesNotContainKey("Condition");
            assertThat(String.valueOf(sam.properties(alarm))).as(alarm).doesNotContain("Namespace=mcpulse");
        }
    }

    @Test
    void theLogsInsightsWidgetReadsTheProbesLogFieldsByName() throws IOException {
        assertThat(dashboardBody().path("widgets")).filteredOn(w -> w.path("type").asText().equals("log"))
                .singleElement().satisfies(widget -> assertThat(widget.path("properties").path("query").asText())
                        .contains("SOURCE '" + physical("ProbeLogGroup") + "'", "fields.endpointId", "fields.outcome"));
    }
}
