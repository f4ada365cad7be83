package dev.mcpulse.wiring.snapstart;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.util.List;

/**
 * The serde of a function's payloads, done once: each sample is written and read back, so its introspection, its
 * serializers and deserializers are built (and their classes loaded) before the snapshot.
 */
public final class SerdePriming implements Priming {

    private final JsonMapper json;
    private final List<Object> samples;

    public SerdePriming(JsonMapper json, List<?> samples) {
        this.json = json;
        this.samples = List.copyOf(samples);
    }

    @Override
    public String name() {
        return "serde";
    }

    @Override
    public void run() throws Exception {
        for (Object sample : samples) {
            Object back = json.readValue(json.writeValueAsBytes(sample), Argument.of(sample.getClass()));
            if (!sample.equals(back)) {
                throw new IllegalStateException("a " + sample.getClass().getSimpleName() + " did not read back as written");
            }
        }
    }
}
