package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.SnapshotRecorder;
import dev.mcpulse.wiring.MonitorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data written the way production writes it: through the ports and the domain's snapshot recorder. */
final class Seed {

    private final ApiHarness api;

    Seed(ApiHarness api) {
        this.api = api;
    }

    /** Records a check of the endpoint as the probe function would, {@code ago} before now. */
    void checked(String id, ProbeResult result, Duration ago) {
        new SnapshotRecorder(api.bean(SnapshotStore.class)).record(new EndpointId(id), result,
                Instant.now().minus(ago), api.bean(MonitorSettings.class).interval(), List.of());
    }

    void schedulerCycle(Duration ago) {
        api.bean(CycleLog.class).record(new CycleRecord(Instant.now().minus(ago), 4, 3, 1, 1));
    }

    /** What a probe of a healthy modern server reports, as stored state for tests that only read. */
    static ProbeResult healthy(int tools) {
        return new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.of(Era.MODERN),
                Optional.of("2026-07-28"), Optional.of("test-server"), Optional.of("1.4.2"), Optional.of(tools),
                Optional.of("tools-hash-" + tools), new Latency(Optional.of(12L), Optional.of(8L), Optional.empty(), 23));
    }

    /** What a failed probe reports, as stored state for tests that only read. */
    static ProbeResult failed(ProbeOutcome outcome) {
        return new ProbeResult(outcome, outcome.httpStatus(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Latency.total(41));
    }

    static Map<String, Object> entry(String id, Object... more) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("url", "https://" + id + ".example.com/mcp");
        for (int i = 0; i < more.length; i += 2) {
            entry.put((String) more[i], more[i + 1]);
        }
        return entry;
    }
}
