package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ToolCatalogTest {

    private static JsonNode json(String text) {
        return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).orElseThrow();
    }

    private static String hashOf(String... tools) {
        ToolCatalog catalog = new ToolCatalog();
        for (String tool : tools) {
            catalog.add(json(tool));
        }
        return catalog.hash();
    }

    @Test
    void theHashIgnoresKeyOrderToolOrderAndFieldsOutsideTheIdentity() {
        String a = hashOf(
                "{\"name\":\"echo\",\"description\":\"Echo\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"m\":{\"type\":\"string\"}}}}",
                "{\"name\":\"add\",\"description\":\"Add\",\"inputSchema\":{\"type\":\"object\"}}");
        String b = hashOf(
                "{\"description\":\"Add\",\"inputSchema\":{\"type\":\"object\"},\"name\":\"add\",\"annotations\":{\"readOnlyHint\":true}}",
                "{\"inputSchema\":{\"properties\":{\"m\":{\"type\":\"string\"}},\"type\":\"object\"},\"name\":\"echo\",\"description\":\"Echo\"}");

        assertThat(a).isEqualTo(b).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void aChangedDescriptionOrSchemaChangesTheHash() {
        String base = hashOf("{\"name\":\"echo\",\"description\":\"Echo\",\"inputSchema\":{\"type\":\"object\"}}");

        assertThat(hashOf("{\"name\":\"echo\",\"description\":\"Echo!\",\"inputSchema\":{\"type\":\"object\"}}")).isNotEqualTo(base);
        assertThat(hashOf("{\"name\":\"echo\",\"description\":\"Echo\",\"inputSchema\":{\"type\":\"array\"}}")).isNotEqualTo(base);
        assertThat(hashOf()).isNotEqualTo(base);
    }

    @Test
    void canonicalJsonSortsKeysAtEveryDepth() {
        assertThat(Json.canonical(json("{\"b\":1,\"a\":{\"d\":[{\"z\":1,\"y\":2}],\"c\":null}}")))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":[{\"y\":2,\"z\":1}]},\"b\":1}");
    }
}
