package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, exactly: {@code bin/mcpulse-local --port <free port> --interval-seconds 5} as a child
 * process. It must list the demo fleet with every status the demo promises, then stop on SIGTERM with exit code 0
 * and give its port back. The runnable jar is made at process-classes, so the script finds it up to date and does
 * not build; the test fails if it did (a build inside a test would rewrite the classes under the test's feet).
 */
class LocalRunnerIT {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("functions/local/target/mcpulse-local-0.1.0-SNAPSHOT-runnable.jar");
    static final Path LOG = Path.of("target", "local-runner-it.log");

    /** id → {status, reason}, as infra/local/demo-fleet.yaml promises. */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "demo-healthy", List.of("connected", "ok"),
            "demo-wrong-token", List.of("unhealthy", "auth_rejected"),
            "demo-missing-secret", List.of("unhealthy", "auth_missing"),
            "demo-slow", List.of("configured_but_unconnected", "timeout"),
            "demo-tool-error", List.of("unhealthy", "tool_error"),
            "demo-changing-tools", List.of("connected", "ok"));

    private Process runner;

    @AfterEach
    void stopRunner() {
        if (runner != null && runner.isAlive()) {
            runner.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            runner.destroyForcibly();
        }
    }

    @Test
    void theReadmeCommandShowsEveryDemoStatusAndStopsCleanlyOnSigterm() throws Exception {
        assertThat(JAR).as("the runnable jar is made at process-classes (./mvnw -pl functions/local -am verify)").exists();
        int port = freePort();
        Files.createDirectories(LOG.getParent());
        ProcessBuilder command = new ProcessBuilder(ROOT.resolve("bin/mcpulse-local").toString(),
                "--port", String.valueOf(port), "--interval-seconds", "5")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        command.environment().keySet().removeIf(name -> name.startsWith("MCPULSE_"));
        runner = command.start();
        // If the test JVM dies first, the runner (our child, by PID) goes with it.
        Process child = runner;
        Thread reaper = new Thread(child::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);

        FleetApi api = new FleetApi(port);
        Map<String, Object> fleet = api.awaitFleet(Duration.ofSeconds(90), LocalRunnerIT::showsTheWholeDemo, () ->
                assertThat(runner.isAlive()).as("the runner exited early; its output:%n%s", output()).isTrue());

        Map<String, List<String>> seen = FleetApi.endpoints(fleet).stream().collect(Collectors.toMap(
                e -> (String) e.get("id"), e -> List.of((String) e.get("status"), (String) e.get("reason"))));
        assertThat(seen).isEqualTo(EXPECTED);
        assertThat(FleetApi.endpoints(fleet)).filteredOn(e -> e.get("id").equals("demo-changing-tools"))
                .singleElement().satisfies(e -> assertThat(e.get("tools_changed_at")).isNotNull());
        assertThat(FleetApi.endpoints(fleet)).filteredOn(e -> e.get("id").equals("demo-healthy"))
                .singleElement().satisfies(e -> assertThat(e.get("tools_changed_at")).isNull());
        assertThat(FleetApi.field(fleet, "scheduler").get("interval_seconds")).isEqualTo(5);
        String banner = output();
        assertThat(banner).contains("http://localhost:" + port + "/", "admin token", "Stop with Ctrl-C")
                .doesNotContain("mcpulse-local: building");
        assertThat(runner.toHandle().info().command()).as("the script execs java, so its PID is the runner's")
                .hasValueSatisfying(path -> assertThat(path).endsWith("java"));

        runner.destroy(); // SIGTERM to the PID
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s; output:%n%s", output()).isTrue();
        assertThat(runner.exitValue()).as("exit code after SIGTERM; output:%n%s", output()).isZero();
        assertThat(output()).contains("mcpulse-local: stopped.").doesNotContain("Exception", "ERROR");
        // The demo's generated tokens ("demo-" and 48 hex digits) stay in memory: none reaches the output.
        assertThat(output()).doesNotContainPattern("demo-[0-9a-f]{48}");
        assertThat(portIsFree(port)).as("port %d is free again", port).isTrue();
        Runtime.getRuntime().removeShutdownHook(reaper);
    }

    /** Every demo endpoint checked, and the changing one checked twice (its tool list differed between cycles). */
    private static boolean showsTheWholeDemo(Map<String, Object> fleet) {
        List<Map<String, Object>> endpoints = FleetApi.endpoints(fleet);
        return endpoints.size() == EXPECTED.size()
                && endpoints.stream().allMatch(e -> e.get("last_check_at") != null)
                && endpoints.stream().anyMatch(e -> e.get("id").equals("demo-changing-tools") && e.get("tools_changed_at") != null);
    }

    private static String output() {
        try {
            return Files.readString(LOG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
