package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Mcp-Param-*} headers a modern {@code tools/call} must carry: tool parameters whose input schema
 * marks them with {@code x-mcp-header} are mirrored into headers (2026-07-28 streamable HTTP). The schemas come
 * from the {@code tools/list} the probe has just read.
 */
final class ToolHeaders {

    private static final int MAX_DEPTH = 16;
    private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();

    void remember(String toolName, JsonNode inputSchema) {
        if (inputSchema != null && inputSchema.isObject()) {
            schemas.put(toolName, inputSchema);
        }
    }

    Map<String, String> forCall(JsonNode params) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            return headers;
        }
        JsonNode schema = schemas.get(name.asText());
        if (schema != null) {
            collect(schema, params.get("arguments"), headers, 0);
        }
        return headers;
    }

    private static void collect(JsonNode schema, JsonNode value, Map<String, String> headers, int depth) {
        JsonNode properties = schema.get("properties");
        if (depth > MAX_DEPTH || properties == null || !properties.isObject() || value == null || !value.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> property = fields.next();
            JsonNode argument = value.get(property.getKey());
            JsonNode marker = property.getValue().get("x-mcp-header");
            if (marker != null && marker.isTextual() && argument != null) {
                scalar(argument).ifPresent(text -> headers.put("Mcp-Param-" + marker.asText(), HeaderValues.encode(text)));
            }
            collect(property.getValue(), argument, headers, depth + 1);
        }
    }

    private static java.util.Optional<String> scalar(JsonNode value) {
        if (value.isTextual()) {
            return java.util.Optional.of(value.asText());
        }
        if (value.isIntegralNumber() || value.isBoolean()) {
            return java.util.Optional.of(value.asText());
        }
        return java.util.Optional.empty();
    }
}
