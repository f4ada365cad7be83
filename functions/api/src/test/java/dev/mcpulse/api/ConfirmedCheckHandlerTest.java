package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A row whose snapshot was last written long ago but confirmed by a recent check (issue 16 item 5): the API shows the
 * confirming check's time and latency, and the row is fresh, not stale.
 */
class ConfirmedCheckHandlerTest {

    static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(Map.of("mcpulse.probe.interval.seconds", "300"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aConfirmedSnapshotShowsItsConfirmingCheckAndIsNotStale() {
        api.register(Map.of("id", "confirmed-mcp", "url", "https://confirmed.example.com/mcp"));
        EndpointId id = new EndpointId("confirmed-mcp");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant written = now.minus(40, ChronoUnit.MINUTES); // long stale on its own: the interval is 5 minutes
        api.bean(SnapshotStore.class).putIfNewer(new HealthSnapshot(id, written, OutcomeKind.OK, Optional.empty(),
                Optional.of(200), Optional.empty(), Optional.of(3), Optional.of("h"), Optional.empty(),
                Optional.of(Era.MODERN), Optional.of("2026-07-28"), Optional.of("srv"), Optional.of("1"),
                Latency.total(150), 0, 0, Optional.of(written), written.plusSeconds(300)), Optional.empty());
        Instant cycle = now.minusSeconds(60);
        Instant confirmedAt = now.minusSeconds(55);
        api.bean(CycleLog.class).recordShardCount(cycle, 1);
        api.bean(SnapshotStore.class).appendChecks(new CheckBatch(new CheckBatch.Slot(cycle, 0, 1), List.of(
                new BatchedCheck(new HistoryEntry(id, confirmedAt, OutcomeKind.OK, Optional.of(200), 77),
                        Optional.of(written)))));

        ApiHarness.Response response = api.request("get-client.json").path("/api/mcp/clients/confirmed-mcp").send();

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = api.parse(response.body());
        assertThat(body.get("endpoint")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("status", "connected").containsEntry("reason", "ok")
                .containsEntry("last_check_at", confirmedAt.toString())
                .containsEntry("last_success_at", confirmedAt.toString())
                .containsEntry("latency_ms", 77);
        assertThat(body.get("uptime")).isEqualTo(Map.of("checks", 1, "ok", 1, "percent", 100.0));
    }
}
