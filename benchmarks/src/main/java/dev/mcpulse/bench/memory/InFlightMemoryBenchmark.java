package dev.mcpulse.bench.memory;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.ConnectionSampler;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.probefn.ProbeFunctionProcess;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.mcp.McpHttpClients;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * B6: the probe function's memory with 1,000 probes in flight at once — one shard of 1,000 endpoints in one
 * {@code ShardProbe} run, in a fresh process on the function's jar with Lambda's flags and a heap bounded by the
 * function's memory size. Every endpoint is a black hole (connects, never answers), so every probe holds its
 * connection and pipeline until its deadline; the benchmark counts the connections open at once to confirm it.
 * Baseline: the same process idle after start, before the shard.
 */
public final class InFlightMemoryBenchmark implements Benchmark {

    private static final int IN_FLIGHT = 1_000;
    private static final int QUICK_IN_FLIGHT = 200;
    /** 250 probes per black hole: under the per-origin connection bound, so each probe holds a connection. */
    private static final int BLACK_HOLES = 4;
    private static final double TARGET_RSS_MIB = 512;
    /** The probe function's MemorySize in sam-template.yaml (the Globals' 1024 MB). */
    private static final int FUNCTION_MEMORY_MB = 1024;
    /**
     * The JVM as Lambda's java21 runtime starts it for that function — a maximum heap of 85 % of the memory size,
     * SerialGC — with sam-template.yaml's JAVA_TOOL_OPTIONS (C1 only).
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:MaxHeapSize=" + FUNCTION_MEMORY_MB * 1024 * 85 / 100 + "k",
            "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(2);
    private static final String MAX_IN_FLIGHT_PROPERTY = "mcpulse.probe.max-in-flight";

    @Override
    public String id() {
        return "B6";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        int size = env.options().quick() ? QUICK_IN_FLIGHT : IN_FLIGHT;
        try (BlackHoles holes = new BlackHoles(BLACK_HOLES);
             DynamoDbLocalProcess dynamoDb = DynamoDbLocalProcess.start(env.scratch(), "b6-dynamodb")) {
            List<Endpoint> endpoints = endpoints(size, holes);
            try (DynamoDbClient client = dynamoDb.client()) {
                new DynamoDbEndpointRegistry(client, DynamoDbLocalProcess.TABLE).putAll(endpoints);
            }
            Path noSecrets = Files.writeString(env.scratch().resolve("b6-secrets.yaml"), "{}\n");
            // The admission bound (32 probes per processor by default) would hold all but a few dozen back: this
            // benchmark measures the memory of the bound an operator may raise it to, mcpulse.probe.max-in-flight.
            List<String> options = new ArrayList<>(JVM_OPTIONS);
            options.add("-D" + MAX_IN_FLIGHT_PROPERTY + "=" + size);
            try (ProbeFunctionProcess function = ProbeFunctionProcess.start(env, "b6-probe-function", options,
                    dynamoDb, noSecrets)) {
                Thread.sleep(IDLE_SETTLE);
                long idleRss = ProcessUsage.rssBytes(function.pid());
                Map<String, String> idleHeap = function.command("heap", Duration.ofSeconds(10));

                ProcessUsage.resetPeakRss(function.pid());
                Map<String, String> shard;
                Map<Integer, Integer> peaks;
                try (ConnectionSampler connections = ConnectionSampler.start(function.pid(),
                        new HashSet<>(holes.ports()), Duration.ofMillis(100))) {
                    shard = function.command("shard", Endpoint.DEFAULT_TIMEOUT.multipliedBy(3).plusSeconds(120));
                    peaks = connections.peaks();
                }
                long peakRss = ProcessUsage.peakRssBytes(function.pid());
                int inFlight = peaks.values().stream().mapToInt(Integer::intValue).sum();
                if (inFlight == 0) {
                    // The probes never reached the black holes (refused before connecting): nothing was in flight.
                    throw new IllegalStateException("no connection to the black holes was ever open; the shard: " + shard);
                }
                return section(size, idleRss, idleHeap, peakRss, shard, inFlight);
            }
        }
    }

    private Section section(int size, long idleRss, Map<String, String> idleHeap, long peakRss,
                            Map<String, String> shard, int inFlight) {
        long idleHeapUsed = Long.parseLong(idleHeap.get("used"));
        long peakHeapUsed = Long.parseLong(shard.get("heapPeakUsed"));
        Section section = new Section(id(), "memory with " + size + " probes in flight")
                .header("measure", "idle after start (baseline)", size + " probes in flight", "ratio");
        section.row("RSS MiB (peak over the shard)", mib(idleRss), mib(peakRss), ratio(peakRss, idleRss));
        section.row("heap used MiB (peak, sampled every 5 ms)", mib(idleHeapUsed), mib(peakHeapUsed),
                ratio(peakHeapUsed, idleHeapUsed));
        section.row("heap committed MiB (at the end)", "", mib(Long.parseLong(shard.get("heapCommitted"))), "");
        section.headline("peak RSS, " + size + " probes in flight in one probe function", peakRss / (1024.0 * 1024),
                "MiB", TARGET_RSS_MIB, true);
        section.note("One shard of " + size + " endpoints, all black holes (" + BLACK_HOLES + " loopback servers that "
                + "accept and never answer; " + size / BLACK_HOLES + " endpoints each, under the per-origin bound of "
                + McpHttpClients.MAX_CONNECTIONS_PER_ORIGIN + " connections), deadline " + Endpoint.DEFAULT_TIMEOUT.toSeconds()
                + " s (the default), in one `ShardProbe.run` on the probe function's jar in a fresh process. In flight "
                + "at once: " + inFlight + " connections to the black holes open at the peak (sampled every 100 ms from "
                + "/proc/net/tcp; " + (inFlight >= size ? "at least one per probe: all were in flight together" : "fewer "
                + "than the probes: not all were in flight together") + "); "
                + "the shard ended with " + shard.get("probed") + " probed, " + shard.get("connected") + " connected, in "
                + String.format(Locale.ROOT, "%.1f", Long.parseLong(shard.get("wallNanos")) / 1e9) + " s (registry reads, "
                + "the deadline, " + size + " snapshots and history items written).");
        section.note("JVM flags `" + String.join(" ", JVM_OPTIONS) + "`: as Lambda's java21 runtime starts the JVM "
                + "of a " + FUNCTION_MEMORY_MB + " MB function (the probe function's MemorySize; heap maximum 85 % of it, "
                + mib(Long.parseLong(idleHeap.get("max"))) + " MiB as the JVM reports it; SerialGC) with the template's "
                + "JAVA_TOOL_OPTIONS (C1 only); collectors " + idleHeap.get("gc").replace('+', ' ') + ", "
                + shard.get("collections") + " collections (" + shard.get("collectionMillis") + " ms) during the shard. "
                + "RSS: VmRSS when idle, VmHWM reset before the shard (/proc/<pid>/clear_refs) and read after it. "
                + "The admission bound raised to " + size + " (`" + MAX_IN_FLIGHT_PROPERTY + "`) so that every probe "
                + "is in flight at once; by default it is 32 per processor.");
        return section;
    }

    private static List<Endpoint> endpoints(int size, BlackHoles holes) {
        EndpointParser parser = new EndpointParser(UrlPolicy.local());
        List<Endpoint> endpoints = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> entry = Map.of("id", "in-flight-%06d".formatted(i),
                    "url", holes.url(i % BLACK_HOLES) + "?e=" + i);
            endpoints.add(switch (parser.parse(entry)) {
                case EndpointParser.Result.Valid valid -> valid.endpoint();
                case EndpointParser.Result.Invalid invalid ->
                        throw new IllegalStateException("bench endpoint " + entry + " is invalid: " + invalid.errors());
            });
        }
        return endpoints;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / (1024.0 * 1024));
    }

    private static String ratio(long value, long baseline) {
        return String.format(Locale.ROOT, "%.2f×", (double) value / baseline);
    }
}
