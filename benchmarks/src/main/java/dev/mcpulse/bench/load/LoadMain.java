package dev.mcpulse.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpulse.bench.Machine;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.fleet.FleetServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code bin/mcpulse-load}: the load run of issue #8. Starts the fleet of MCP servers (a process of its own), writes
 * a fleet file of loopback endpoints, starts the local stack as the README says, waits until its API lists every
 * endpoint, drives {@code GET /api/mcp/clients} and "check now" from this process for a fixed time, prints the
 * figures and writes them into docs/reliability.md between its load markers, and stops what it started, by PID.
 * Exit codes: 0 the run held (no errors), 1 it saw errors or could not run, 2 bad arguments.
 */
public final class LoadMain {

    /** MCP Java SDK servers behind the fleet's endpoints (each serves many logical endpoints). */
    static final int SERVERS = 8;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    /** How long to wait, after the fleet is listed, for the first scheduler cycle to have checked every endpoint. */
    private static final Duration FIRST_CYCLE_TIMEOUT = Duration.ofMinutes(3);

    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        Path root = Path.of(System.getProperty("mcpulse.root", ".")).toAbsolutePath().normalize();
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("mcpulse-load: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        int errors;
        try {
            errors = run(options, root, "bin/mcpulse-load" + (args.length == 0 ? "" : " " + String.join(" ", args)));
        } catch (Exception e) {
            System.err.println("mcpulse-load: the run failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(errors == 0 ? 0 : 1);
    }

    private static int run(LoadOptions options, Path root, String command) throws Exception {
        Path scratch = Files.createDirectories(root.resolve("benchmarks/target/load"));
        String adminToken = generatedToken();
        try (FleetServers fleet = FleetServers.start(SERVERS, scratch)) {
            List<String> ids = new ArrayList<>();
            Path fleetFile = writeFleetFile(scratch.resolve("fleet.yaml"), fleet, options.endpoints(), ids);
            int port = freePort();
            URI base = URI.create("http://127.0.0.1:" + port);
            say("starting the local stack with " + ids.size() + " endpoints on port " + port
                    + " (log: " + root.relativize(scratch.resolve("mcpulse-local.log")) + ")");
            long started = System.nanoTime();
            try (LocalStackProcess stack = LocalStackProcess.start(root, fleetFile, port, adminToken,
                    scratch.resolve("mcpulse-local.log"))) {
                awaitFleet(base, ids.size(), stack, f -> true, STARTUP_TIMEOUT);
                double startup = (System.nanoTime() - started) / 1e9;
                say("the API lists " + ids.size() + " endpoints after " + LoadFigures.format(startup) + " s; waiting for"
                        + " the first scheduler cycle to check them all");
                // The load is measured on a running stack, not on its start-up burst: the first cycle probes every
                // endpoint at once. Later cycles (every 30 s) run during the load, as they would.
                int checked = awaitFleet(base, ids.size(), stack, rows -> checkedCount(rows) == ids.size(),
                        FIRST_CYCLE_TIMEOUT);
                double firstCycle = (System.nanoTime() - started) / 1e9;
                say(checked + " of " + ids.size() + " endpoints checked after " + LoadFigures.format(firstCycle)
                        + " s; driving the API for " + options.seconds() + " s with " + options.concurrency()
                        + " requests in flight");
                double cpuBefore = ProcessUsage.cpuSeconds(stack.pid());
                LoadDriver.Result result = new LoadDriver(base, adminToken, ids)
                        .run(options.concurrency(), Duration.ofSeconds(options.seconds()));
                double cpu = ProcessUsage.cpuSeconds(stack.pid()) - cpuBefore;
                long peakRss = ProcessUsage.peakRssBytes(stack.pid());
                int exit = stack.stop();
                String figures = LoadFigures.markdown(new LoadFigures.Setting(command,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Machine.describe(), ids.size(), SERVERS,
                        options.seconds(), startup, checked, firstCycle, cpu, peakRss, exit), result);
                System.out.println(figures);
                ReliabilityDoc.write(options.out(), figures);
                say("wrote " + options.out());
                return result.list().errorCount() + result.check().errorCount();
            }
        }
    }

    /** {@code count} valid loopback endpoints, spread over the fleet's healthy servers, with a readiness call. */
    static Path writeFleetFile(Path file, FleetServers fleet, int count, List<String> ids) throws IOException {
        StringBuilder yaml = new StringBuilder("endpoints:\n");
        for (int n = 0; n < count; n++) {
            String id = "load-%05d".formatted(n);
            ids.add(id);
            yaml.append("  - id: ").append(id).append('\n')
                    .append("    url: ").append(fleet.healthy(n)).append('\n')
                    .append("    labels: {team: team-").append(n % 10).append(", env: load}\n")
                    .append("    readiness: {tool: ready}\n");
        }
        return Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }

    /**
     * Polls the list route until it lists every endpoint and {@code done} holds for the answer; returns how many
     * endpoints had been checked by then. Fails when the stack exits, or when the fleet is not listed in time; a
     * {@code done} that does not come in time only ends the wait.
     */
    private static int awaitFleet(URI base, int endpoints, LocalStackProcess stack, Predicate<List<JsonNode>> done,
                                  Duration timeout) throws Exception {
        FleetPages pages = new FleetPages(base);
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = -1;
        while (System.nanoTime() < deadline) {
            if (!stack.isAlive()) {
                throw new IllegalStateException("bin/mcpulse-local exited with " + stack.exitValue() + " before serving");
            }
            try {
                if (pages.head().path("summary").path("total").asInt() == endpoints) {
                    // Every page: the first alone holds only the first rows of the fleet.
                    List<JsonNode> rows = pages.rows();
                    checked = checkedCount(rows);
                    if (done.test(rows)) {
                        return checked;
                    }
                }
            } catch (IOException notYet) {
                // Not listening yet, or not answering yet.
            }
            Thread.sleep(1_000);
        }
        if (checked < 0) {
            throw new IllegalStateException("the API did not list " + endpoints + " endpoints within " + timeout);
        }
        return checked;
    }

    /** Endpoints of the fleet that have been checked at least once. */
    static int checkedCount(List<JsonNode> rows) {
        int checked = 0;
        for (JsonNode endpoint : rows) {
            if (endpoint.hasNonNull("last_check_at")) {
                checked++;
            }
        }
        return checked;
    }

    public static String generatedToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "load-" + HexFormat.of().formatHex(bytes);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void say(String line) {
        System.err.println("mcpulse-load: " + line);
    }
}
