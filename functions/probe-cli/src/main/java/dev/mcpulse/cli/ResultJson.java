package dev.mcpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.ErrorText;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import java.util.List;
import java.util.Optional;

/** A probe result as the JSON the command prints, with the snapshot's field names, and its one-line summary. */
final class ResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {
    }

    static ObjectNode of(Endpoint endpoint, ProbeResult result, List<String> secrets) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("url", endpoint.url().toString());
        json.put("outcome", result.outcome().kind().code());
        json.put("connected", result.outcome().kind().connected());
        result.outcome().step().map(ProbeStep::code).ifPresent(step -> json.put("step", step));
        result.httpStatus().ifPresent(status -> json.put("httpStatus", status));
        String error = ErrorText.of(result.outcome(), secrets);
        if (!error.isEmpty()) {
            json.put("lastError", error);
        }
        result.era().map(Era::code).ifPresent(era -> json.put("era", era));
        result.protocolVersion().ifPresent(v -> json.put("protocolVersion", v));
        result.serverName().ifPresent(v -> json.put("serverName", ErrorText.redact(v, secrets)));
        result.serverVersion().ifPresent(v -> json.put("serverVersion", ErrorText.redact(v, secrets)));
        result.toolsCount().ifPresent(v -> json.put("toolsCount", v));
        result.toolsHash().ifPresent(v -> json.put("toolsHash", v));
        // When the access token expires, never the token.
        result.tokenExpiresAt().ifPresent(at -> json.put("tokenExpiresAt", at.toString()));
        ObjectNode latency = json.putObject("latency");
        put(latency, "tokenMs", result.latency().tokenMs());
        put(latency, "discoverMs", result.latency().discoverMs());
        put(latency, "toolsListMs", result.latency().toolsListMs());
        put(latency, "toolCallMs", result.latency().toolCallMs());
        latency.put("totalMs", result.latency().totalMs());
        return json;
    }

    static String summary(Endpoint endpoint, ProbeResult result, List<String> secrets) {
        StringBuilder line = new StringBuilder(result.outcome().kind().code().toUpperCase());
        line.append(' ').append(endpoint.url());
        result.era().ifPresent(era -> line.append(" era=").append(era.code()));
        result.protocolVersion().ifPresent(v -> line.append(" version=").append(v));
        result.toolsCount().ifPresent(n -> line.append(" tools=").append(n));
        result.httpStatus().ifPresent(s -> line.append(" http=").append(s));
        line.append(" in ").append(result.latency().totalMs()).append(" ms");
        String error = ErrorText.of(result.outcome(), secrets);
        if (!error.isEmpty()) {
            line.append(" — ").append(error);
        }
        return line.toString();
    }

    private static void put(ObjectNode node, String field, Optional<Long> value) {
        value.ifPresent(v -> node.put(field, v));
    }

    static String write(ObjectNode json) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
