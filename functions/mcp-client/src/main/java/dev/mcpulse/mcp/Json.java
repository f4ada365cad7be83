package dev.mcpulse.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeMap;

/** The one JSON reader and writer of the probe, with limits that a hostile server cannot push past. */
final class Json {

    /** Deep nesting is how a small body blows the stack; MCP messages are shallow. */
    private static final int MAX_NESTING = 200;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(McpLimits.MAX_BODY_BYTES)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The parsed value, or empty when the bytes are not one well-formed JSON value within the limits. */
    static Optional<JsonNode> parse(byte[] bytes) {
        try (var parser = MAPPER.createParser(bytes)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode() || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (IOException | RuntimeException e) {
            // Malformed input, a limit exceeded, or a parser fault on hostile bytes: all mean "not JSON".
            return Optional.empty();
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Compact JSON with the keys of every object sorted, so that equal values always give equal text. */
    static String canonical(JsonNode node) {
        return write(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                fields.put(name, sorted(node.get(name)));
            }
            ObjectNode copy = object();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = array();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /** A text field, when present and textual. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
