package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetImportTest {

    @Test
    void theDemoFleetFillsInEveryPlaceholder() throws Exception {
        Map<String, String> urls = Map.of(
                "demo.healthy", "http://127.0.0.1:1001/mcp", "demo.wrong-token", "http://127.0.0.1:1002/mcp",
                "demo.missing-secret", "http://127.0.0.1:1003/mcp", "demo.slow", "http://127.0.0.1:1004/mcp",
                "demo.tool-error", "http://127.0.0.1:1005/mcp", "demo.changing-tools", "http://127.0.0.1:1006/mcp");
        InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();

        FleetImport.load("demo", LocalMcpulse.demoFleetYaml(), urls, registry);

        assertThat(registry.list()).extracting(e -> e.id().value(), e -> e.url().toString()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("demo-healthy", "http://127.0.0.1:1001/mcp"),
                org.assertj.core.groups.Tuple.tuple("demo-wrong-token", "http://127.0.0.1:1002/mcp"),
                org.assertj.core.groups.Tuple.tuple("demo-missing-secret", "http://127.0.0.1:1003/mcp"),
                org.assertj.core.groups.Tuple.tuple("demo-slow", "http://127.0.0.1:1004/mcp"),
                org.assertj.core.groups.Tuple.tuple("demo-tool-error", "http://127.0.0.1:1005/mcp"),
                org.assertj.core.groups.Tuple.tuple("demo-changing-tools", "http://127.0.0.1:1006/mcp"));
        assertThat(registry.list()).filteredOn(e -> e.id().value().equals("demo-slow")).singleElement()
                .extracting(Endpoint::timeout).isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void anUnknownPlaceholderIsReportedAndNothingIsImported() {
        InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
        String yaml = """
                - id: fine
                  url: http://127.0.0.1:9/mcp
                - id: unfilled
                  url: ${demo.nope}
                """;

        assertThatThrownBy(() -> FleetImport.load("my-fleet.yaml", yaml, Map.of(), registry))
                .isInstanceOf(FleetImport.InvalidFleet.class)
                .hasMessageStartingWith("the fleet file my-fleet.yaml has 1 error:")
                .hasMessageContaining("entry #2 (id \"unfilled\")").hasMessageContaining("url");
        assertThat(registry.list()).isEmpty();
    }
}
