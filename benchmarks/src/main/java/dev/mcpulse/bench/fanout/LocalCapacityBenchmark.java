package dev.mcpulse.bench.fanout;

import static dev.mcpulse.bench.Report.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.fleet.FleetServers;
import dev.mcpulse.bench.load.FleetPages;
import dev.mcpulse.bench.load.LoadMain;
import dev.mcpulse.bench.load.LocalStackProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B1b: the local runner's capacity. The README's run command ({@code bin/mcpulse-local}, its defaults: a 30 s
 * interval, a 1 GB heap, shards of 25, 16 at a time) with a fleet file of B1's mix (5 % black holes, 5 % answering
 * 401, the rest healthy MCP Java SDK servers; a 2 s deadline), at 1,000, 5,000 and 10,000 endpoints. Each cycle is
 * timed from the runner's own output, and after it the whole fleet is read back through the API as a user sees it:
 * "snapshots right" first, then whether the cycle ended inside its interval. The capacity is the largest fleet for
 * which every cycle did both: counting the runner's first cycle (a cold JVM probing every endpoint at once), and
 * once it runs.
 */
public final class LocalCapacityBenchmark implements Benchmark {

    /** The issue names no figure; a thousand endpoints is the fleet B1 first failed on in one process. */
    private static final int TARGET_CAPACITY = 1_000;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    /** How many intervals a cycle may take before the run stops waiting for it (it has then failed anyway). */
    private static final int INTERVALS_TO_WAIT = 4;
    /** As B1 warms them: remote servers are warm, and the fleet process's JIT is not the runner's to pay for. */
    private static final int WARM_UP_PROBES = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "B1b";
    }

    /** One cycle as measured: its start (the scheduler's clock), its length, and the fleet read after it. */
    record CycleRun(String label, ApiRowCheck check, double seconds, double readsSeconds, double intervalSeconds,
                    int due, int shards, double cpuSeconds, double walkSeconds) {

        boolean inside() {
            return seconds <= intervalSeconds;
        }

        boolean held() {
            return inside() && check.allRight();
        }
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        FleetServers fleet = env.fleet();
        List<Integer> sizes = !env.options().sizes().isEmpty() ? env.options().sizes()
                : env.options().quick() ? List.of(200) : List.of(1_000, 5_000, 10_000);
        int warmCycles = env.options().quick() ? 1 : 3;
        Section section = new Section(id(), "the local runner's capacity: one process, as the README runs it").header(
                "endpoints", "cycle", "snapshots right", "cycle s (start to last shard)", "of which reads s",
                "share of the interval", "endpoints due", "shards",
                "mcpulse CPU s (its line to its last shard; cycles that overlap share it)", "API read of every row s",
                "peak RSS MiB");
        FleetWarmUp.Done warmUp = FleetWarmUp.warm(FleetMix.endpoints(WARM_UP_PROBES, fleet), WARM_UP_PROBES);
        int capacity = 0;
        int warmCapacity = 0;
        for (int size : sizes) {
            List<CycleRun> runs = new ArrayList<>();
            long peakRss = measure(env, fleet, size, warmCycles, runs);
            for (CycleRun run : runs) {
                section.row(size, run.label(), run.check().text(), number(run.seconds()), number(run.readsSeconds()),
                        run.inside() ? percent(run.seconds() / run.intervalSeconds())
                                : "**" + percent(run.seconds() / run.intervalSeconds()) + "**",
                        run.due(), run.shards(), number(run.cpuSeconds()), number(run.walkSeconds()),
                        peakRss / (1024 * 1024));
            }
            boolean complete = runs.size() == 1 + warmCycles;
            boolean warmHeld = complete && runs.stream().skip(1).allMatch(CycleRun::held);
            if (complete && runs.getFirst().held() && warmHeld && capacity == warmCapacity) {
                capacity = size;
            }
            if (!warmHeld) {
                section.note(size + " endpoints: not every warm cycle ended inside its interval with every snapshot right"
                        + (complete ? "" : " (a cycle did not end within " + INTERVALS_TO_WAIT + " intervals)")
                        + "; larger fleets were not tried.");
                break;
            }
            warmCapacity = size;
        }
        section.headline("local runner capacity: largest fleet tried whose every cycle, the first after start included,"
                + " ended inside its interval with every snapshot right", capacity, "endpoints", TARGET_CAPACITY, false);
        section.headline("local runner capacity once running: largest fleet tried whose every warm cycle ended inside"
                + " its interval with every snapshot right", warmCapacity, "endpoints", TARGET_CAPACITY, false);
        section.note("The stack as a user starts it: `bin/mcpulse-local --no-demo --fleet FILE --port PORT --admin-token"
                + " TOKEN --secrets-file FILE` (the README's run command; its defaults otherwise: embedded DynamoDB"
                + " Local, a cycle every 30 s, shards of 25 of which 16 run at once, a 1 GB heap), in a process of its"
                + " own; the fleet's MCP servers in another, on the same 2 cores (a remote fleet would not take this"
                + " machine's CPU, so the capacity of a runner whose servers are elsewhere is higher). Fleet: B1's mix"
                + " by id (of every 20: 18 healthy on 8 MCP Java SDK servers, 1 black hole, 1 answering 401), a "
                + FleetMix.DEADLINE.toMillis() + " ms deadline; the servers warmed first from the benchmark's process ("
                + warmUp.probes() + " probes, " + warmUp.right() + " with the expected outcome; not timed)."
                + " Cycle: from its start (`cycleStartedAt` on the scheduler's line) to the line of its last shard (`shard probed`, `failed` or `not queued`, which"
                + " name the cycle the same way), the runner's output read as it is printed; reads = start to the"
                + " cycle's own line (registry, snapshots, the fleet's summary). The cold cycle is the"
                + " runner's first, right after it imported the fleet; then " + warmCycles + " warm cycles. After"
                + " each, every row is read through the API, page after page of 250, and judged as a user would"
                + " read it: healthy → connected (shown only for an ok check that is not stale); black hole → last"
                + " outcome timeout, not stale; 401 → auth_rejected, not stale. Not every endpoint is due every cycle:"
                + " those in back-off sit cycles out, and so may one checked late in the cycle before, since it is next"
                + " due an interval after its check (the \"endpoints due\" column). A row with a wrong snapshot, or a"
                + " cycle past its interval (in bold), is a failure, not a figure.");
        return section;
    }

    /** Runs the stack on a fleet of {@code size} for its cold and warm cycles; returns its peak RSS. */
    private static long measure(BenchEnv env, FleetServers fleet, int size, int warmCycles, List<CycleRun> runs)
            throws Exception {
        Path dir = Files.createDirectories(env.scratch().resolve("b1b-" + size));
        Path fleetFile = dir.resolve("fleet.yaml");
        // JSON is YAML: the fleet file takes the entries exactly as FleetMix makes them for the other runs.
        JSON.writeValue(fleetFile.toFile(), Map.of("endpoints", FleetMix.entries(size, fleet)));
        Path secrets = Files.writeString(dir.resolve("secrets.yaml"),
                FleetMix.WRONG_TOKEN_SECRET + ": not-the-fleet-token\n");
        // Its PID is known once it has started; its first cycle's line comes seconds later, after the JVM's start.
        AtomicLong pid = new AtomicLong();
        CycleLines lines = new CycleLines(System::nanoTime,
                () -> pid.get() == 0 ? Double.NaN : ProcessUsage.cpuSeconds(pid.get()));
        int port = LoadMain.freePort();
        FleetPages pages = new FleetPages(URI.create("http://127.0.0.1:" + port));
        System.err.println("mcpulse-bench: B1b: " + size + " endpoints, log "
                + env.root().relativize(dir.resolve("mcpulse-local.log")));
        Instant wallBase = Instant.now();
        long nanoBase = System.nanoTime();
        try (LocalStackProcess stack = LocalStackProcess.start(env.root(), fleetFile, port, LoadMain.generatedToken(),
                List.of("--secrets-file", secrets.toString()), dir.resolve("mcpulse-local.log"), lines)) {
            pid.set(stack.pid());
            if (lines.awaitLogged(1, STARTUP_TIMEOUT).isEmpty() || !stack.isAlive()) {
                throw new IOException("the runner started no cycle within " + STARTUP_TIMEOUT + " (see its log)");
            }
            Duration interval = Duration.ofSeconds(pages.head().path("scheduler").path("interval_seconds").asLong());
            for (int n = 1; n <= 1 + warmCycles; n++) {
                Optional<CycleLines.Cycle> ended = lines.awaitEnded(n, interval.multipliedBy(INTERVALS_TO_WAIT));
                if (ended.isEmpty()) {
                    break;
                }
                CycleLines.Cycle cycle = ended.get();
                Instant started = cycle.startedAt();
                Instant loggedAt = wallBase.plusNanos(cycle.loggedNanos() - nanoBase);
                Instant endedAt = wallBase.plusNanos(cycle.endedNanos().orElseThrow() - nanoBase);
                long walkStart = System.nanoTime();
                List<JsonNode> rows = pages.rows();
                double walk = (System.nanoTime() - walkStart) / 1e9;
                runs.add(new CycleRun(n == 1 ? "cold" : "warm " + (n - 1), ApiRowCheck.of(rows, size),
                        seconds(started, endedAt), seconds(started, loggedAt), interval.toMillis() / 1000.0,
                        cycle.endpointsDue(), cycle.shards(), cycle.cpuAtEnd() - cycle.cpuAtLine(), walk));
            }
            long peakRss = ProcessUsage.peakRssBytes(stack.pid());
            stack.stop();
            return peakRss;
        } catch (IOException e) {
            throw new IOException("B1b at " + size + " endpoints: " + e.getMessage(), e);
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static String percent(double share) {
        return number(100 * share) + " %";
    }
}
