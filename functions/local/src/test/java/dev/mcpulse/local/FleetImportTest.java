package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.HostnameCheck;
import dev.mcpulse.domain.service.RegistryEditor;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetImportTest {

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    final RegistryEditor editor = new RegistryEditor(registry, snapshots, HostnameCheck.NONE, Optional::empty,
            Clock.systemUTC());

    @Test
    void theDemoFleetFillsInEveryPlaceholder() throws Exception {
        Map<String, String> urls = Map.of(
                "demo.healthy", "http://127.0.0.1:1001/mcp", "demo.wrong-token", "http://127.0.0.1:1002/mcp",
                "demo.missing-secret", "http://127.0.0.1:1003/mcp", "demo.slow", "http://127.0.0.1:1004/mcp",
                "demo.tool-error", "http://127.0.0.1:1005/mcp", "demo.changing-tools", "http://127.0.0.1:1006/mcp");
        FleetImport.load("demo", LocalMcpulse.demoFleetYaml(), urls, editor);

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
        String yaml = """
                - id: fine
                  url: http://127.0.0.1:9/mcp
                - id: unfilled
                  url: ${demo.nope}
                """;

        assertThatThrownBy(() -> FleetImport.load("my-fleet.yaml", yaml, Map.of(), editor))
                .isInstanceOf(FleetImport.InvalidFleet.class)
                .hasMessageStartingWith("the fleet file my-fleet.yaml has 1 error:")
                .hasMessageContaining("entry #2 (id \"unfilled\")").hasMessageContaining("url");
        assertThat(registry.list()).isEmpty();
    }

    /**
     * The defect this guards: the local runner's import used to put entries straight into the registry, so with
     * --data-dir an entry whose URL changed kept the old server's snapshot and history. It goes through the same
     * editor as the API's PUT and import now (RegistryEditorTest holds the rule for all three).
     */
    @Test
    void reImportingAnEntryWithAnotherUrlDropsTheOldServersHealthAndARenameKeepsIt() throws Exception {
        String before = "- id: moving\n  url: http://127.0.0.1:1001/mcp\n";
        FleetImport.load("fleet.yaml", before, Map.of(), editor);
        EndpointId id = new EndpointId("moving");
        Instant checkedAt = Instant.now().minusSeconds(60);
        snapshots.appendHistory(new HistoryEntry(id, checkedAt, OutcomeKind.OK, Optional.of(200), 9));
        snapshots.putIfNewer(new HealthSnapshot(id, checkedAt, OutcomeKind.OK, Optional.empty(), Optional.of(200),
                Optional.empty(), Optional.of(1), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Latency.total(9), 0, 0, Optional.of(checkedAt),
                checkedAt.plusSeconds(30)), Optional.empty());

        FleetImport.load("fleet.yaml", before + "  name: Moving\n", Map.of(), editor);
        assertThat(snapshots.latest(id)).as("renamed: the same server").isPresent();

        FleetImport.load("fleet.yaml", "- id: moving\n  url: http://127.0.0.1:1002/mcp\n", Map.of(), editor);
        assertThat(registry.get(id)).get().extracting(e -> e.url().getPort()).isEqualTo(1002);
        assertThat(snapshots.latest(id)).as("moved: another server").isEmpty();
        assertThat(snapshots.history(id, 10)).isEmpty();
    }
}
