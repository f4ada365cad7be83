package dev.mcpulse.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** sam-template.yaml as the tests read it (short intrinsic tags as their long forms), found from the working directory up. */
record SamTemplate(Path root, Map<String, Object> template) {

    static SamTemplate load() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("sam-template.yaml"))) {
            dir = dir.getParent();
        }
        try {
            return new SamTemplate(dir, CloudFormationYaml.load(Files.readString(dir.resolve("sam-template.yaml"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    Map<String, Object> resource(String id) {
        return map(resources().get(id));
    }

    Map<String, Object> properties(String id) {
        return map(resource(id).get("Properties"));
    }

    /** Logical ids of the resources of one type, in template order. */
    List<String> ofType(String type) {
        return resources().entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    Map<String, Object> parameters() {
        return map(template.get("Parameters"));
    }

    Map<String, Object> parameter(String name) {
        return map(parameters().get(name));
    }

    Map<String, Object> conditions() {
        return map(template.get("Conditions"));
    }

    Map<String, Object> mappings() {
        return map(template.get("Mappings"));
    }

    Map<String, Object> outputs() {
        return map(template.get("Outputs"));
    }

    /** A function property as deployed: its own value, else the one in {@code Globals.Function}. */
    Object functionProperty(String function, String property) {
        Object own = properties(function).get(property);
        return own != null ? own : map(map(template.get("Globals")).get("Function")).get(property);
    }

    /** The environment variables a function gets: {@code Globals.Function}'s, overridden by its own. */
    Map<String, Object> environment(String function) {
        Map<String, Object> variables = new HashMap<>(
                map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables")));
        variables.putAll(map(map(properties(function).get("Environment")).get("Variables")));
        return variables;
    }

    /** One metric an alarm watches: its own, or one of its metric-math inputs. */
    record Watched(String alarm, String namespace, String metric, Map<String, Object> dimensions) {
    }

    List<Watched> watched() {
        List<Watched> watched = new ArrayList<>();
        for (String alarm : ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> properties = properties(alarm);
            if (properties.containsKey("MetricName")) {
                watched.add(new Watched(alarm, (String) properties.get("Namespace"),
                        String.valueOf(properties.get("MetricName")), dimensions(properties.get("Dimensions"))));
            }
            for (Object query : list(properties.get("Metrics"))) {
                Map<String, Object> metric = map(map(map(query).get("MetricStat")).get("Metric"));
                if (!metric.isEmpty()) {
                    watched.add(new Watched(alarm, (String) metric.get("Namespace"),
                            String.valueOf(metric.get("MetricName")), dimensions(metric.get("Dimensions"))));
                }
            }
        }
        return watched;
    }

    /** The alarms watching this metric of exactly this one resource (one dimension). */
    List<String> alarmsOn(String namespace, String metric, String dimension, Object value) {
        return watched().stream()
                .filter(w -> w.namespace().equals(namespace) && w.metric().equals(metric)
                        && w.dimensions().equals(Map.of(dimension, value)))
                .map(Watched::alarm)
                .distinct()
                .toList();
    }

    private static Map<String, Object> dimensions(Object dimensions) {
        Map<String, Object> byName = new TreeMap<>();
        list(dimensions).forEach(d -> byName.put((String) map(d).get("Name"), map(d).get("Value")));
        return byName;
    }

    /** {@code {Ref: id}} */
    static Map<String, Object> ref(String id) {
        return Map.of("Ref", id);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }
}
