package dev.mcpulse.bench.fanout;

import static dev.mcpulse.bench.fanout.FanOutBenchmark.f;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.fanout.FanOutMeasurement.Cycle;
import dev.mcpulse.bench.fanout.FanOutMeasurement.Sequential;
import dev.mcpulse.bench.fanout.FanOutMeasurement.SizeRun;
import java.util.List;

/**
 * B2: mcpulse's CPU per successful probe, from B1's cycles (user+sys of the mcpulse process over each cycle, so
 * everything a probe costs is in it: the MCP exchanges, the DynamoDB reads and writes, the log lines, the JIT).
 */
public final class CpuPerProbeBenchmark implements Benchmark {

    private static final double TARGET_PROBES_PER_CORE_SECOND = 1_000;

    private final FanOutMeasurement measurement;

    public CpuPerProbeBenchmark(FanOutMeasurement measurement) {
        this.measurement = measurement;
    }

    @Override
    public String id() {
        return "B2";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        FanOutMeasurement.Result result = measurement.result(env);
        Sequential sequential = result.sequential();
        double sequentialMsPerProbe = 1000 * sequential.cpuSeconds() / sequential.connected();
        Section section = new Section(id(), "CPU per probe").header("N", "cycle", "mcpulse CPU s",
                "successful probes", "CPU ms per successful probe", "probes per core-second", "vs naive loop");
        for (SizeRun run : result.runs()) {
            for (Cycle cycle : List.of(run.cold(), run.warm())) {
                double msPerProbe = 1000 * cycle.mcpulseCpu() / cycle.connected();
                section.row(cycle.size(), cycle.label(), f(cycle.mcpulseCpu()), cycle.connected(), f(msPerProbe),
                        f(1000 / msPerProbe), f(msPerProbe / sequentialMsPerProbe) + "×");
            }
        }
        section.row(sequential.size(), "naive loop (baseline)", f(sequential.cpuSeconds()), sequential.connected(),
                f(sequentialMsPerProbe), f(1000 / sequentialMsPerProbe), "1×");
        SizeRun first = result.runs().getFirst();
        section.headline("probes per core-second, N=" + first.size() + ", cold",
                first.cold().connected() / first.cold().mcpulseCpu(), "probes/core-s", TARGET_PROBES_PER_CORE_SECOND, false);
        section.headline("probes per core-second, N=" + first.size() + ", warm",
                first.warm().connected() / first.warm().mcpulseCpu(), "probes/core-s", TARGET_PROBES_PER_CORE_SECOND, false);
        section.note("CPU is the whole mcpulse process's user+sys time over the cycle (/proc/<pid>/stat), divided by "
                + "the probes that ended `ok`: the failed ones (black holes, 401s) and the process's JIT and GC "
                + "threads are paid for by the successful ones. Baseline: the same process's CPU over B1's naive "
                + "sequential loop (warm, after the cycles), per successful probe; \"vs naive loop\" = cycle / baseline.");
        return section;
    }
}
