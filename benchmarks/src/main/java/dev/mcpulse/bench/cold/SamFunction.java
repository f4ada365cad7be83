package dev.mcpulse.bench.cold;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One function of sam-template.yaml as Lambda would run it: its handler, the jar its {@code CodeUri} names, its
 * memory and timeout (the function's own, else the {@code Globals}), and its environment — the global variables
 * overlaid with the function's, each {@code !Ref} resolved: a template parameter to its default, anything else
 * (the table, the probe function's alias) by {@code resources}.
 */
public record SamFunction(String logicalId, String handler, String codeUri, int memoryMb, int timeoutSeconds,
                          Map<String, String> environment) {

    /** Reads {@code logicalId} from the template text; fails with the name of whatever it cannot resolve. */
    public static SamFunction read(String templateText, String logicalId, Function<String, String> resources) {
        Map<String, Object> template = map(new Yaml(new CloudFormationTags()).load(templateText), "the template");
        Map<String, Object> globals = map(map(template.get("Globals"), "Globals").get("Function"), "Globals.Function");
        Map<String, Object> function = map(map(template.get("Resources"), "Resources").get(logicalId), logicalId);
        Map<String, Object> properties = map(function.get("Properties"), logicalId + ".Properties");
        Map<String, Object> parameters = map(template.get("Parameters"), "Parameters");
        Map<String, Object> mappings = map(template.get("Mappings"), "Mappings");

        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : List.of(globals, properties)) {
            Map<String, Object> variables = map(map(source.get("Environment"), "Environment").get("Variables"), "Variables");
            variables.forEach((name, value) -> {
                // A variable that depends on a condition (the api's OIDC issuer: Cognito's or the operator's) is left
                // out: the benchmark starts the function as with no issuer, so it measures no token verification.
                if (!(value instanceof Map<?, ?> intrinsic && intrinsic.containsKey("If"))) {
                    environment.put(name, resolve(value, parameters, mappings, resources, name));
                }
            });
        }
        return new SamFunction(logicalId,
                text(properties.get("Handler"), logicalId + ".Handler"),
                text(properties.get("CodeUri"), logicalId + ".CodeUri"),
                number(properties.getOrDefault("MemorySize", globals.get("MemorySize")), logicalId + " MemorySize"),
                number(properties.getOrDefault("Timeout", globals.get("Timeout")), logicalId + " Timeout"),
                Map.copyOf(environment));
    }

    private static String resolve(Object value, Map<String, Object> parameters, Map<String, Object> mappings,
                                  Function<String, String> resources, String variable) {
        // !FindInMap [Map, key, attribute]: the key may itself be a !Ref (ProbeInterval by ProbeIntervalMinutes).
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1 && intrinsic.get("FindInMap") instanceof List<?> path
                && path.size() == 3) {
            String key = resolve(path.get(1), parameters, mappings, resources, variable);
            Object found = map(map(mappings.get(String.valueOf(path.get(0))), "Mappings." + path.get(0)).get(key),
                    "Mappings." + path.get(0) + "." + key).get(String.valueOf(path.get(2)));
            if (found == null) {
                throw new IllegalArgumentException(variable + " is " + value + ", which the template's Mappings do not hold");
            }
            return found.toString();
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1 && intrinsic.get("Ref") instanceof String target) {
            if (parameters.containsKey(target)) {
                Object fallback = map(parameters.get(target), target).get("Default");
                if (fallback == null) {
                    throw new IllegalArgumentException(variable + " refers to parameter " + target + ", which has no default");
                }
                return fallback.toString();
            }
            String resolved = resources.apply(target);
            if (resolved == null) {
                throw new IllegalArgumentException(variable + " refers to " + target + ", which the benchmark does not stand in for");
            }
            return resolved;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException(variable + " is " + value + ", an intrinsic the benchmark does not resolve");
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Object value, String what) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return text;
    }

    private static int number(Object value, String what) {
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return number.intValue();
    }

    /** CloudFormation's short intrinsics: {@code !Ref X} reads as {@code {Ref: X}}, {@code !Sub s} as {@code {Sub: s}}. */
    private static final class CloudFormationTags extends SafeConstructor {

        CloudFormationTags() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value = switch (node) {
                        case ScalarNode scalar -> scalar.getValue();
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> throw new IllegalArgumentException("unexpected node for !" + name);
                    };
                    return Map.of(name, value);
                }
            });
        }
    }
}
