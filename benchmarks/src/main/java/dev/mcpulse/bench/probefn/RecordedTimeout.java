package dev.mcpulse.bench.probefn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** A timeout the probe function recorded, read from its "probe result" log line: how long it was held up meanwhile. */
record RecordedTimeout(String endpointId, long stalledMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The line's recorded timeout, or empty for any other line (another message, another outcome, not JSON). */
    static Optional<RecordedTimeout> parse(String line) {
        if (!line.startsWith("{") || !line.contains("\"probe result\"")) {
            return Optional.empty();
        }
        try {
            JsonNode entry = JSON.readTree(line);
            JsonNode fields = entry.path("fields");
            boolean timeout = "probe result".equals(entry.path("formattedMessage").asText())
                    && "timeout".equals(fields.path("outcome").asText()) && fields.has("stalledMs");
            return timeout ? Optional.of(new RecordedTimeout(fields.path("endpointId").asText(),
                    fields.path("stalledMs").asLong())) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
