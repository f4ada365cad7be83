package dev.mcpulse.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes test request bodies as JSON text. A writer of its own because bad-input cases need what a data binder will
 * not produce: a number literal like {@code 1e309} or {@code 9223372036854775808} ({@link Raw}) and exact key order.
 */
final class JsonText {

    /** JSON text inserted as it is. */
    record Raw(String json) {
    }

    private JsonText() {
    }

    static String of(Object value) {
        return switch (value) {
            case null -> "null";
            case Raw raw -> raw.json();
            case String s -> quote(s);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(e -> quote(String.valueOf(e.getKey())) + ": " + of(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case List<?> list -> list.stream().map(JsonText::of).collect(Collectors.joining(", ", "[", "]"));
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass());
        };
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.append('"').toString();
    }
}
