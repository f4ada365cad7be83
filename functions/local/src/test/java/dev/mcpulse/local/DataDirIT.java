package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --data-dir, the registry and the last check survive a restart; without it, a restart starts empty. */
class DataDirIT {

    @TempDir
    Path dir;

    @Test
    void aDataDirectoryKeepsTheFleetAndItsChecksAcrossRestarts() throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), """
                - id: kept-endpoint
                  url: http://127.0.0.1:9/mcp
                  timeoutMs: 500
                """);
        Path data = dir.resolve("data");
        int port = LocalRunnerIT.freePort();

        try (LocalMcpulse first = LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo",
                "--fleet", fleet.toString(), "--data-dir", data.toString(), "--interval-seconds", "3600"))) {
            new FleetApi(port).awaitFleet(Duration.ofSeconds(30), f -> FleetApi.endpoints(f).size() == 1
                    && FleetApi.endpoints(f).getFirst().get("last_check_at") != null, () -> { });
        }
        assertThat(LocalRunnerIT.portIsFree(port)).isTrue();

        try (LocalMcpulse second = LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo",
                "--data-dir", data.toString(), "--interval-seconds", "3600"))) {
            Map<String, Object> listed = new FleetApi(port).fetch().orElseThrow();
            assertThat(FleetApi.endpoints(listed)).singleElement().satisfies(e -> {
                assertThat(e.get("id")).isEqualTo("kept-endpoint");
                assertThat(e.get("reason")).isEqualTo("unreachable");
            });
        }
    }

    @Test
    void withoutADataDirectoryARestartStartsEmpty() throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), "- id: gone\n  url: http://127.0.0.1:9/mcp\n");
        int port = LocalRunnerIT.freePort();
        try (LocalMcpulse first = LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo",
                "--fleet", fleet.toString(), "--interval-seconds", "3600"))) {
            assertThat(FleetApi.endpoints(new FleetApi(port).fetch().orElseThrow())).hasSize(1);
        }
        try (LocalMcpulse second = LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo",
                "--interval-seconds", "3600"))) {
            assertThat(FleetApi.endpoints(new FleetApi(port).fetch().orElseThrow())).isEmpty();
        }
    }
}
