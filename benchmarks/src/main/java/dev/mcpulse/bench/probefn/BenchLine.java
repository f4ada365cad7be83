package dev.mcpulse.bench.probefn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer lines of {@link ProbeFunctionMain}: {@code BENCH <command> key=value key=value …} on standard output,
 * among the function's own JSON log lines. Values hold no spaces.
 */
public final class BenchLine {

    static final String PREFIX = "BENCH ";

    private BenchLine() {
    }

    public static String format(String command, Map<String, ?> values) {
        StringBuilder line = new StringBuilder(PREFIX).append(command);
        values.forEach((key, value) -> {
            String text = String.valueOf(value);
            if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("value of " + key + " must be one word, was \"" + text + "\"");
            }
            line.append(' ').append(key).append('=').append(text);
        });
        return line.toString();
    }

    /** The values of an answer to {@code command}, or empty when the line is something else (a log line). */
    public static Optional<Map<String, String>> parse(String line, String command) {
        String head = PREFIX + command;
        if (!line.equals(head) && !line.startsWith(head + " ")) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring(head.length()).trim().split(" ")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("not key=value: \"" + pair + "\" in " + line);
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return Optional.of(values);
    }
}
