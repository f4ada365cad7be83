package dev.mcpulse.bench;

import dev.mcpulse.bench.api.ApiListBenchmark;
import dev.mcpulse.bench.cold.ColdStartBenchmark;
import dev.mcpulse.bench.cost.CostBenchmark;
import dev.mcpulse.bench.dispatch.DispatchBenchmark;
import dev.mcpulse.bench.fanout.CpuPerProbeBenchmark;
import dev.mcpulse.bench.fanout.FanOutBenchmark;
import dev.mcpulse.bench.fanout.FanOutMeasurement;
import dev.mcpulse.bench.fanout.LocalCapacityBenchmark;
import dev.mcpulse.bench.fanout.OneShardBenchmark;
import dev.mcpulse.bench.jit.WarmShardJitBenchmark;
import dev.mcpulse.bench.latency.LatencyOverheadBenchmark;
import dev.mcpulse.bench.memory.InFlightMemoryBenchmark;
import dev.mcpulse.bench.peer.PeerClientBenchmark;
import dev.mcpulse.bench.scale.ScaleBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/mcpulse-bench}: runs the benchmarks (all, or those named by {@code --only}) one after the other and
 * writes their report to docs/benchmarks.md (or {@code --out}). Exit codes: 0 written, 1 a benchmark failed,
 * 2 bad arguments.
 */
public final class BenchMain {

    /** In report order. Each benchmark starts and stops what it needs, so any subset runs alone. */
    static List<Benchmark> all() {
        FanOutMeasurement fanOut = FanOutMeasurement.forIssue(); // B1 and B2 report from the same cycles
        return List.of(
                new FanOutBenchmark(fanOut),
                new CpuPerProbeBenchmark(fanOut),
                new OneShardBenchmark(),
                new LocalCapacityBenchmark(),
                new LatencyOverheadBenchmark(),
                new ApiListBenchmark(),
                new ColdStartBenchmark(),
                new InFlightMemoryBenchmark(),
                new ScaleBenchmark(new DispatchBenchmark()), // B7: the dispatch, then the fleet at scale
                new PeerClientBenchmark(),
                new WarmShardJitBenchmark(),
                new CostBenchmark());
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        Path root = Path.of(System.getProperty("mcpulse.root", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println("mcpulse-bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        // Taken before the run: the commit the measured jars were built from, not one made while it ran.
        String command = "bin/mcpulse-bench" + (args.length == 0 ? "" : " " + String.join(" ", args));
        Provenance provenance = Provenance.current(root, command);
        long started = System.nanoTime();
        List<Section> sections = new ArrayList<>();
        boolean failed = false;
        try (BenchEnv env = new BenchEnv(options)) {
            for (Benchmark benchmark : all()) {
                if (!options.selected(benchmark.id())) {
                    continue;
                }
                System.err.println("mcpulse-bench: " + benchmark.id() + "…");
                try {
                    sections.add(benchmark.run(env));
                } catch (Exception e) {
                    failed = true;
                    System.err.println("mcpulse-bench: " + benchmark.id() + " failed: " + e);
                    sections.add(new Section(benchmark.id(), "failed").note("failed: " + e));
                }
            }
        }
        Report.write(options.out(), provenance, all().stream().map(Benchmark::id).toList(),
                sections, Duration.ofNanos(System.nanoTime() - started));
        System.err.println("mcpulse-bench: wrote " + options.out());
        System.exit(failed ? 1 : 0);
    }
}
