package dev.mcpulse.scheduler;

import dev.mcpulse.wiring.EmfMetricsSink;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The EMF lines the function wrote, captured where they leave it (instead of standard output). */
final class EmfLines implements EmfMetricsSink.Output {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void line(String line) {
        lines.add(line);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    void clear() {
        lines.clear();
    }

    /** Each line as the JSON document CloudWatch reads. */
    List<Map<String, Object>> documents(JsonMapper json) {
        return lines().stream().map(line -> {
            try {
                return json.readValue(line, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }
}
