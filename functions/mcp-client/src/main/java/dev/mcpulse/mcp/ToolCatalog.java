package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The tools a server listed, and their fingerprint: SHA-256 of the canonical JSON (sorted keys, no whitespace) of
 * each tool's name, description and input schema, ordered by name so that a server reordering its list does not
 * count as a change.
 */
final class ToolCatalog {

    private final List<JsonNode> tools = new ArrayList<>();

    void add(JsonNode tool) {
        tools.add(tool);
    }

    int size() {
        return tools.size();
    }

    String hash() {
        ArrayNode canonical = Json.array();
        tools.stream()
                .sorted(Comparator.comparing(tool -> tool.path("name").asText("")))
                .forEach(tool -> canonical.add(identity(tool)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static ObjectNode identity(JsonNode tool) {
        ObjectNode identity = Json.object();
        for (String field : List.of("name", "description", "inputSchema")) {
            if (tool.has(field)) {
                identity.set(field, tool.get(field));
            }
        }
        return identity;
    }
}
