package dev.mcpulse.mcpservers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A tool a test server exposes: its name, description, JSON Schema of its arguments, and what it answers.
 *
 * @param readOnly whether it is safe to call for readiness (advertised as {@code readOnlyHint})
 */
public record TestTool(String name, String description, Map<String, Object> inputSchema, boolean readOnly,
                       Function<Map<String, Object>, ToolReply> handler) {

    public TestTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        inputSchema = Map.copyOf(inputSchema);
        Objects.requireNonNull(handler, "handler");
    }

    /** {@code echo}: returns its {@code message} argument. */
    public static TestTool echo() {
        return new TestTool("echo", "Returns its message unchanged.",
                objectSchema(Map.of("message", Map.of("type", "string")), List.of("message")), true,
                arguments -> ToolReply.text(String.valueOf(arguments.get("message"))));
    }

    /** {@code add}: the sum of numbers {@code a} and {@code b}. */
    public static TestTool add() {
        return new TestTool("add", "Adds two numbers.",
                objectSchema(Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")), List.of("a", "b")), true,
                arguments -> {
                    if (arguments.get("a") instanceof Number a && arguments.get("b") instanceof Number b) {
                        double sum = a.doubleValue() + b.doubleValue();
                        return ToolReply.text(sum == Math.rint(sum) ? Long.toString((long) sum) : Double.toString(sum));
                    }
                    return ToolReply.error("add needs numbers a and b");
                });
    }

    /** {@code ready}: a read-only readiness check that answers {@code ok}. */
    public static TestTool ready() {
        return new TestTool("ready", "Readiness check: answers \"ok\" when the server can serve.",
                objectSchema(Map.of(), List.of()), true, arguments -> ToolReply.text("ok"));
    }

    /** A read-only tool without arguments that always answers the given reply (e.g. a failing readiness check). */
    public static TestTool constant(String name, ToolReply reply) {
        return new TestTool(name, "Answers a fixed reply.", objectSchema(Map.of(), List.of()), true, arguments -> reply);
    }

    public static Map<String, Object> objectSchema(Map<String, Object> properties, List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required);
    }
}
