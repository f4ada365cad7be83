package dev.mcpulse.template;

import static dev.mcpulse.template.SamTemplate.list;
import static dev.mcpulse.template.SamTemplate.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the parameter-driven part of a template value as CloudFormation would for the given parameter values
 * (the others take their defaults): {@code Ref} to a parameter, {@code Fn::Sub}, {@code Fn::FindInMap},
 * {@code Fn::If} with its condition, {@code Fn::Join}. A reference to a resource or a pseudo parameter is refused:
 * what is evaluated here must follow from the parameters alone. Records every parameter it read.
 */
final class Intrinsics {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final SamTemplate template;
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    Intrinsics(SamTemplate template, Map<String, String> overrides) {
        this.template = template;
        this.values = new HashMap<>();
        template.parameters().forEach((name, parameter) -> {
            Object fallback = map(parameter).get("Default");
            if (fallback != null) {
                values.put(name, String.valueOf(fallback));
            }
        });
        values.putAll(overrides);
    }

    /** The parameters the values evaluated so far depend on. */
    Set<String> parametersRead() {
        return read;
    }

    Object resolve(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            String function = (String) m.keySet().iterator().next();
            Object argument = m.values().iterator().next();
            switch (function) {
                case "Ref" -> {
                    return parameter((String) argument);
                }
                case "Fn::Sub" -> {
                    return sub(argument);
                }
                case "Fn::FindInMap" -> {
                    List<?> path = list(argument);
                    Object top = map(template.mappings().get(String.valueOf(resolve(path.get(0)))))
                            .get(String.valueOf(resolve(path.get(1))));
                    if (top == null) {
                        throw new IllegalArgumentException("no mapping row for " + argument + " with " + values);
                    }
                    Object found = map(top).get(String.valueOf(resolve(path.get(2))));
                    if (found == null) {
                        throw new IllegalArgumentException("no mapping value for " + argument + " with " + values);
                    }
                    return found;
                }
                case "Fn::If" -> {
                    List<?> branches = list(argument);
                    return resolve(condition((String) branches.get(0)) ? branches.get(1) : branches.get(2));
                }
                case "Fn::Join" -> {
                    List<?> join = list(argument);
                    List<String> parts = new ArrayList<>();
                    list(resolve(join.get(1))).forEach(part -> parts.add(String.valueOf(resolve(part))));
                    return String.join((String) join.get(0), parts);
                }
                default -> {
                    if (function.startsWith("Fn::")) {
                        throw new IllegalArgumentException("cannot evaluate " + function);
                    }
                }
            }
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            m.forEach((k, v) -> resolved.put((String) k, resolve(v)));
            return resolved;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(this::resolve).toList();
        }
        return value;
    }

    boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return test(definition);
    }

    private boolean test(Object expression) {
        Map<String, Object> m = map(expression);
        String function = m.keySet().iterator().next();
        List<?> arguments = list(m.get(function));
        return switch (function) {
            case "Fn::Equals" -> String.valueOf(resolve(arguments.get(0))).equals(String.valueOf(resolve(arguments.get(1))));
            case "Fn::Not" -> !test(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::test);
            case "Fn::Or" -> arguments.stream().anyMatch(this::test);
            case "Condition" -> condition((String) arguments.get(0));
            default -> throw new IllegalArgumentException("cannot evaluate condition " + function);
        };
    }

    private String parameter(String name) {
        if (!template.parameters().containsKey(name)) {
            throw new IllegalArgumentException(name + " is not a parameter: the value does not follow from the parameters");
        }
        read.add(name);
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " has no value and no default");
        }
        return value;
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables;
        if (argument instanceof List<?> l) {
            text = (String) l.get(0);
            variables = map(l.get(1));
        } else {
            text = (String) argument;
            variables = Map.of();
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object replacement = variables.containsKey(name) ? resolve(variables.get(name)) : parameter(name);
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(replacement)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
