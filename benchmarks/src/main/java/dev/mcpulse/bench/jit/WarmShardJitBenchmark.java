package dev.mcpulse.bench.jit;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.Stats;
import dev.mcpulse.bench.fanout.FleetMix;
import dev.mcpulse.bench.fanout.FleetWarmUp;
import dev.mcpulse.bench.probefn.ProbeFunctionProcess;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import dev.mcpulse.storage.dynamodb.DynamoDbSnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * B9, the JIT on a warm probe function: C1 only (the template's {@code TieredStopAtLevel=1}) against full tiered
 * compilation (C1 then C2), each in a fresh JVM on the probe function's jar with Lambda's flags, running the same
 * shard of healthy endpoints many times in a row, as a warm container does every cycle. The baseline is C1 in the same
 * run, the two JVMs alternating round by round. The cold-start side of the choice is B5's two JIT rows.
 */
public final class WarmShardJitBenchmark implements Benchmark {

    private static final int SHARD_SIZE = 25;
    /** The probe function's MemorySize in sam-template.yaml (the Globals' 1024 MB). */
    private static final int FUNCTION_MEMORY_MB = 1024;
    private static final int SHARDS = 80;
    private static final int QUICK_SHARDS = 16;
    private static final int ROUNDS = 2;
    private static final int QUICK_ROUNDS = 1;
    /** Shards by stage: the first ones (a fresh container compiling), then the steady state. */
    private static final int FIRST = 5;

    enum Jit {
        C1("C1 only (TieredStopAtLevel=1)", "-XX:TieredStopAtLevel=1"),
        TIERED("full tiered (C1, then C2)", "-XX:TieredStopAtLevel=4");

        final String label;
        final String option;

        Jit(String label, String option) {
            this.label = label;
            this.option = option;
        }
    }

    /** One JVM's shards: CPU seconds (whole process, and its JIT compiler threads) and wall seconds per shard. */
    record Series(List<Double> cpu, List<Double> jitCpu, List<Double> wall) {

        double cpuMs(int from, int to) {
            return 1000 * cpu.subList(from, to).stream().mapToDouble(Double::doubleValue).sum() / (to - from);
        }

        double jitMs(int from, int to) {
            return 1000 * jitCpu.subList(from, to).stream().mapToDouble(Double::doubleValue).sum() / (to - from);
        }

        double medianWallMs(int from, int to) {
            return 1000 * Stats.of(wall.subList(from, to)).median();
        }
    }

    @Override
    public String id() {
        return "B9";
    }

    static List<String> jvmOptions(Jit jit) {
        return List.of("-XX:MaxHeapSize=" + FUNCTION_MEMORY_MB * 1024 * 85 / 100 + "k", "-XX:+UseSerialGC",
                "-XX:+TieredCompilation", jit.option);
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        int shards = env.options().quick() ? QUICK_SHARDS : SHARDS;
        int rounds = env.options().quick() ? QUICK_ROUNDS : ROUNDS;
        List<Endpoint> endpoints = FleetMix.endpoints(SHARD_SIZE * 2, env.fleet()).stream()
                .filter(e -> FleetMix.category(e.id()) == FleetMix.Category.HEALTHY).limit(SHARD_SIZE)
                // The default deadline: a fresh JVM's first shard is slow, and B9 measures CPU, not verdicts.
                .map(e -> new Endpoint(e.id(), e.name(), e.labels(), e.url(), e.transport(), e.auth(),
                        Endpoint.DEFAULT_TIMEOUT, e.readiness(), e.enabled(), e.interval()))
                .toList();
        FleetWarmUp.warm(endpoints, 200);
        Path secrets = Files.writeString(env.scratch().resolve("b7-secrets.yaml"), "{}\n");
        Map<Jit, List<Series>> series = new EnumMap<>(Jit.class);
        try (DynamoDbLocalProcess dynamoDb = DynamoDbLocalProcess.start(env.scratch(), "b7-dynamodb")) {
            try (DynamoDbClient client = dynamoDb.client()) {
                new DynamoDbEndpointRegistry(client, DynamoDbLocalProcess.TABLE).putAll(endpoints);
            }
            for (int round = 0; round < rounds; round++) {
                // Alternate which JVM goes first, so neither always meets the machine in the same state.
                List<Jit> order = round % 2 == 0 ? List.of(Jit.C1, Jit.TIERED) : List.of(Jit.TIERED, Jit.C1);
                for (Jit jit : order) {
                    System.err.println("mcpulse-bench: B9 round " + (round + 1) + ": " + jit.label + "…");
                    series.computeIfAbsent(jit, j -> new ArrayList<>())
                            .add(shards(env, jit, dynamoDb, secrets, shards, endpoints));
                }
            }
        }
        return section(series, shards, rounds);
    }

    private static Series shards(BenchEnv env, Jit jit, DynamoDbLocalProcess dynamoDb, Path secrets, int shards,
                                 List<Endpoint> endpoints) throws Exception {
        List<Double> cpu = new ArrayList<>();
        List<Double> jitCpu = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        try (ProbeFunctionProcess function = ProbeFunctionProcess.start(env, "b7-probe-" + jit.name().toLowerCase(Locale.ROOT),
                jvmOptions(jit), dynamoDb, secrets)) {
            for (int i = 0; i < shards; i++) {
                double before = ProcessUsage.cpuSeconds(function.pid());
                double jitBefore = ProcessUsage.compilerCpuSeconds(function.pid());
                Map<String, String> shard = function.command("shard", Duration.ofSeconds(60));
                cpu.add(ProcessUsage.cpuSeconds(function.pid()) - before);
                jitCpu.add(ProcessUsage.compilerCpuSeconds(function.pid()) - jitBefore);
                wall.add(Long.parseLong(shard.get("wallNanos")) / 1e9);
                if (Integer.parseInt(shard.get("connected")) != SHARD_SIZE) {
                    throw new IllegalStateException(jit.label + ": shard " + (i + 1) + " connected " + shard.get("connected")
                            + " of " + SHARD_SIZE + " healthy endpoints: " + shard + "; outcomes stored: "
                            + outcomes(dynamoDb, endpoints));
                }
            }
        }
        return new Series(cpu, jitCpu, wall);
    }

    private Section section(Map<Jit, List<Series>> series, int shards, int rounds) {
        int steadyFrom = Math.min(shards * 3 / 4, shards - 1);
        Section section = new Section(id(), "the JIT on a warm probe function: C1 only against full tiered")
                .header("JIT", "CPU ms per shard, first " + FIRST + " (min / median / max over JVMs)",
                        "CPU ms per shard, shards " + (steadyFrom + 1) + "–" + shards + " (min / median / max)",
                        "of which JIT threads, steady, ms per shard (median)",
                        "CPU s, all " + shards + " shards (median)", "wall ms per shard, steady (median)",
                        "steady CPU / C1's", "steady CPU without JIT threads / C1's");
        Map<Jit, Double> steady = new EnumMap<>(Jit.class);
        Map<Jit, Double> total = new EnumMap<>(Jit.class);
        Map<Jit, Double> compiled = new EnumMap<>(Jit.class);
        for (Jit jit : Jit.values()) {
            steady.put(jit, Stats.of(series.get(jit).stream().map(s -> s.cpuMs(steadyFrom, shards)).toList()).median());
            compiled.put(jit, Stats.of(series.get(jit).stream()
                    .map(s -> s.cpuMs(steadyFrom, shards) - s.jitMs(steadyFrom, shards)).toList()).median());
            total.put(jit, Stats.of(series.get(jit).stream().map(s -> s.cpuMs(0, shards) * shards / 1000).toList()).median());
        }
        for (Jit jit : Jit.values()) {
            List<Series> runs = series.get(jit);
            section.row(jit.label, spread(runs.stream().map(s -> s.cpuMs(0, FIRST)).toList()),
                    spread(runs.stream().map(s -> s.cpuMs(steadyFrom, shards)).toList()),
                    f(Stats.of(runs.stream().map(s -> s.jitMs(steadyFrom, shards)).toList()).median()),
                    f(total.get(jit)),
                    f(Stats.of(runs.stream().map(s -> s.medianWallMs(steadyFrom, shards)).toList()).median()),
                    jit == Jit.C1 ? "baseline" : f(steady.get(jit) / steady.get(Jit.C1)) + "×",
                    jit == Jit.C1 ? "baseline" : f(compiled.get(jit) / compiled.get(Jit.C1)) + "×");
        }
        // The headline checks the template's choice (C1 only for the probe): met while C1's warm shards cost no more
        // CPU than full tiered's, so that a warm container loses nothing by the faster cold start.
        section.headline("probe shard CPU, warm, C1 only (the template's choice) / full tiered", steady.get(Jit.C1)
                / steady.get(Jit.TIERED), "×", 1.0, true);
        section.note("Each JVM: the probe function's deployable jar (`ProbeFunctionMain`), flags as Lambda's java21 "
                + "runtime starts a " + FUNCTION_MEMORY_MB + " MB function (`" + String.join(" ", jvmOptions(Jit.C1))
                + "`, or `" + Jit.TIERED.option + "` for full tiered), DynamoDB Local in a process of its own; "
                + shards + " runs of the same shard (" + SHARD_SIZE + " healthy endpoints of the fleet's MCP Java SDK "
                + "servers, one `ShardProbe.run` each: the registry and snapshot reads, the probes, the writes), one "
                + "after the other, each checked to have connected all " + SHARD_SIZE + ". " + rounds + " rounds, a "
                + "fresh JVM per JIT per round, C1 and tiered alternating (which goes first flips each round). CPU: "
                + "the process's user+sys over each shard (/proc, 10 ms ticks: per-shard figures are means over the "
                + "stage), JIT threads from /proc/<pid>/task. The ratio columns are medians over rounds, steady state; the last leaves out the JIT compiler threads (what the compiled code costs once compilation is done).");
        section.note("On AWS a probe container lives for many cycles (one shard a minute per container under the "
                + "default schedule), so the steady column is what most invocations pay and the first column what a "
                + "fresh container pays on top of its cold start (B5's JIT rows).");
        return section;
    }

    private static Map<String, Long> outcomes(DynamoDbLocalProcess dynamoDb, List<Endpoint> endpoints) {
        try (DynamoDbClient client = dynamoDb.client()) {
            return new DynamoDbSnapshotStore(client, DynamoDbLocalProcess.TABLE, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL)
                    .latest(endpoints.stream().map(Endpoint::id).toList()).values().stream()
                    .collect(Collectors.groupingBy(s -> s.outcome().toString(), TreeMap::new, Collectors.counting()));
        }
    }

    private static String spread(List<Double> values) {
        Stats stats = Stats.of(values);
        return f(stats.min()) + " / " + f(stats.median()) + " / " + f(stats.max());
    }

    static String f(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
