package dev.mcpulse.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.FieldError;
import dev.mcpulse.domain.endpoint.FleetFile;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.HostnameCheck;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry's one editor: every way into the registry meets the same rules (in-memory stores: pure). */
class RegistryEditorTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final EndpointId ID = new EndpointId("payments");

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
    final ManualClock clock = new ManualClock(T0);
    /** Refuses any host named "metadata.internal", as a name resolving to 169.254.169.254 would be. */
    final HostnameCheck hostnames = urls -> urls.stream().map(url -> "metadata.internal".equals(url.getHost())
            ? Optional.of(new FieldError("url", "a host resolving to 169.254.169.254", "a host outside instance metadata"))
            : Optional.<FieldError>empty()).toList();
    final RegistryEditor editor = new RegistryEditor(registry, snapshots, hostnames, Optional::empty, clock);

    static Endpoint entry(Map<String, Object> fields) {
        Map<String, Object> entry = new HashMap<>(Map.of("id", ID.value(), "url", "https://payments.example.com/mcp"));
        entry.putAll(fields);
        return switch (new EndpointParser(UrlPolicy.cloud()).parse(entry)) {
            case EndpointParser.Result.Valid valid -> valid.endpoint();
            case EndpointParser.Result.Invalid invalid -> throw new IllegalArgumentException(invalid.errors().toString());
        };
    }

    private void checked(Instant at) {
        snapshots.appendHistory(new HistoryEntry(ID, at, OutcomeKind.OK, Optional.of(200), 12));
        HealthSnapshot snapshot = new HealthSnapshot(ID, at, OutcomeKind.OK, Optional.empty(), Optional.of(200),
                Optional.empty(), Optional.of(3), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Latency.total(12), 0, 0, Optional.of(at), at.plusSeconds(300));
        assertThat(snapshots.putIfNewer(snapshot, snapshots.latest(ID).map(HealthSnapshot::checkedAt)))
                .isEqualTo(PutResult.WRITTEN);
    }

    /** The changes that name another server: each drops the health, by PUT and by import alike. */
    @ParameterizedTest
    @ValueSource(strings = {"url", "transport", "auth", "readiness"})
    void aChangedTargetSupersedesTheOldServersHealthThroughPutAndImportAlike(String field) {
        Map<String, Object> changed = switch (field) {
            case "url" -> Map.of("url", "https://elsewhere.example.com/mcp");
            case "transport" -> Map.of("transport", "sse");
            case "auth" -> Map.of("auth", Map.of("type", "bearer", "secret", "mcpulse/payments/token"));
            default -> Map.of("readiness", Map.of("tool", "get_balance"));
        };
        for (boolean byImport : List.of(false, true)) {
            registry.delete(ID);
            editor.put(entry(Map.of()));
            clock.advance(Duration.ofMinutes(1));
            checked(clock.instant());
            clock.advance(Duration.ofSeconds(1));

            boolean superseded = byImport
                    ? editor.importAll(List.of(entry(changed))) instanceof RegistryEditor.Import.Done
                    : editor.put(entry(changed)).equals(new RegistryEditor.Put.Saved(false, true));

            assertThat(superseded).as(field + (byImport ? " by import" : " by put")).isTrue();
            assertThat(snapshots.latest(ID)).as(field).isEmpty();
            assertThat(snapshots.history(ID, 10)).as(field).isEmpty();
        }
    }

    @Test
    void renamingRelabellingRetimingOrPausingKeepsTheHealth() {
        editor.put(entry(Map.of()));
        checked(T0);
        clock.advance(Duration.ofSeconds(1));

        RegistryEditor.Put put = editor.put(entry(Map.of("name", "Payments", "labels", Map.of("team", "pay"),
                "timeoutMs", 5_000, "enabled", false)));
        RegistryEditor.Import imported = editor.importAll(List.of(entry(Map.of("name", "Payments again"))));

        assertThat(put).isEqualTo(new RegistryEditor.Put.Saved(false, false));
        assertThat(imported).isEqualTo(new RegistryEditor.Import.Done(List.of(), List.of(ID)));
        assertThat(snapshots.latest(ID)).map(HealthSnapshot::checkedAt).contains(T0);
        assertThat(snapshots.history(ID, 10)).hasSize(1);
    }

    @Test
    void aHostThatResolvesToARefusedAddressIsRefusedByPutImportAndValidateAndNothingChanges() {
        Endpoint refused = entry(Map.of("url", "https://metadata.internal/mcp"));

        assertThat(editor.put(refused)).isInstanceOfSatisfying(RegistryEditor.Put.Refused.class,
                r -> assertThat(r.errors()).extracting(FieldError::field).containsExactly("url"));
        assertThat(editor.importAll(List.of(entry(Map.of("id", "fine")), refused)))
                .isInstanceOfSatisfying(RegistryEditor.Import.Refused.class, r -> assertThat(r.errors())
                        .extracting(FleetFile.EntryError::entry, e -> e.id().orElseThrow()).containsExactly(
                                org.assertj.core.groups.Tuple.tuple(2, "payments")));
        assertThat(editor.validate(refused)).isInstanceOf(RegistryEditor.Validation.Refused.class);
        assertThat(registry.list()).as("all or nothing").isEmpty();
    }

    @Test
    void deleteSupersedesTheHealthEvenOfAnOrphanAndSaysWhetherAnEntryWasThere() {
        editor.put(entry(Map.of()));
        checked(T0);
        clock.advance(Duration.ofSeconds(1));

        assertThat(editor.delete(ID)).isTrue();
        assertThat(snapshots.latest(ID)).isEmpty();
        assertThat(snapshots.history(ID, 10)).isEmpty();

        checked(clock.instant().plusSeconds(1)); // an orphan written around the editor
        clock.advance(Duration.ofSeconds(5));
        assertThat(editor.delete(ID)).isFalse();
        assertThat(snapshots.latest(ID)).isEmpty();
    }

    @Test
    void validateWithoutAProberSaysSoAndStoresNothing() {
        assertThat(editor.validate(entry(Map.of()))).isInstanceOf(RegistryEditor.Validation.NoProber.class);
        assertThat(registry.list()).isEmpty();
    }
}
