package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fan-out at fleet size: 200 endpoints served by four real MCP Java SDK servers on loopback (many ids per server,
 * a quarter with a wrong token) → one scheduler cycle → eight shards dispatched in-process → every snapshot written
 * to DynamoDB Local → the HTTP API lists all 200 with the status each deserves.
 */
class FanOutIT {

    static final int FLEET_SIZE = 200;
    static final String TOKEN = "fan-out-token-3e9a71c4";

    private final List<AutoCloseable> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void oneCycleProbesAndStoresEveryEndpointOfTwoHundred() throws Exception {
        RunningServer secured = start(JavaSdkServers.builder("fan-out-secured", "1.0.0").standardTools()
                .requireBearerToken(TOKEN).start());
        RunningServer open = start(JavaSdkServers.builder("fan-out-open", "1.0.0").standardTools().start());
        RunningServer openToo = start(JavaSdkServers.builder("fan-out-open-2", "1.0.0").standardTools().start());
        RunningServer failing = start(JavaSdkServers.builder("fan-out-failing", "1.0.0").tool(TestTool.echo())
                .tool(TestTool.constant("ready", ToolReply.error("not ready"))).start());

        Map<String, List<String>> expected = new LinkedHashMap<>();
        StringBuilder fleet = new StringBuilder("endpoints:\n");
        for (int i = 0; i < FLEET_SIZE; i++) {
            String id = "fan-out-%03d".formatted(i);
            switch (i % 4) {
                case 0 -> {
                    fleet.append(entry(id, secured, "fanout/good", true));
                    expected.put(id, List.of("connected", "ok"));
                }
                case 1 -> {
                    fleet.append(entry(id, secured, "fanout/wrong", false));
                    expected.put(id, List.of("unhealthy", "auth_rejected"));
                }
                case 2 -> {
                    fleet.append(entry(id, i % 8 == 2 ? open : openToo, null, true));
                    expected.put(id, List.of("connected", "ok"));
                }
                default -> {
                    fleet.append(entry(id, failing, null, true));
                    expected.put(id, List.of("unhealthy", "tool_error"));
                }
            }
        }
        Path fleetFile = Files.writeString(dir.resolve("fleet.yaml"), fleet);
        Path secrets = Files.writeString(dir.resolve("secrets.yaml"),
                "fanout/good: " + TOKEN + "\nfanout/wrong: not-the-token\n");

        int port = LocalRunnerIT.freePort();
        // A long interval: the timer's first cycle (at once) is the only one during the test.
        LocalMcpulse local = start(LocalMcpulse.start(LocalOptions.parse("--port", String.valueOf(port), "--no-demo",
                "--fleet", fleetFile.toString(), "--secrets-file", secrets.toString(), "--interval-seconds", "3600")));
        assertThat(local.fleet()).hasSize(FLEET_SIZE);

        FleetApi api = new FleetApi(port);
        Map<String, Object> listed = api.awaitFleet(Duration.ofSeconds(90), f -> FleetApi.endpoints(f).stream()
                .filter(e -> e.get("last_check_at") != null).count() == FLEET_SIZE, () -> { });

        Map<String, List<String>> seen = FleetApi.endpoints(listed).stream().collect(Collectors.toMap(
                e -> (String) e.get("id"), e -> List.of((String) e.get("status"), (String) e.get("reason"))));
        assertThat(seen).isEqualTo(expected);
        Map<String, Object> cycle = FleetApi.field(FleetApi.field(listed, "scheduler"), "last_cycle");
        assertThat(cycle).containsEntry("endpoints_enabled", FLEET_SIZE).containsEntry("endpoints_due", FLEET_SIZE)
                .containsEntry("shards_dispatched", FLEET_SIZE / 25);
        // Over 100 endpoints, the summary is the count the cycle took as it started (FleetQuery.COUNTED_NOW_UP_TO):
        // before its checks, so every endpoint was still unchecked then, and it says when it was counted.
        Map<String, Object> summary = FleetApi.field(listed, "summary");
        assertThat(summary).containsEntry("total", FLEET_SIZE)
                .containsEntry("counted_at", FleetApi.field(listed, "scheduler").get("last_cycle_at"));
        assertThat(FleetApi.field(summary, "by_status")).containsEntry("configured_but_unconnected", FLEET_SIZE);
    }

    private static String entry(String id, RunningServer server, String secret, boolean readiness) {
        return "  - id: " + id + "\n    url: " + server.url() + "\n"
                + (secret == null ? "" : "    auth: {type: bearer, secret: " + secret + "}\n")
                + (readiness ? "    readiness: {tool: ready}\n" : "")
                + "    timeoutMs: 20000\n";
    }

    private <T extends AutoCloseable> T start(T closeable) {
        started.add(closeable);
        return closeable;
    }
}
