package dev.mcpulse.bench.peer;

import static dev.mcpulse.bench.Report.number;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.JavaProcess;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.fleet.FleetServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * B8: mcpulse's prober side by side with the official TypeScript MCP client ({@code @modelcontextprotocol/client} v2,
 * which speaks both eras), in one run, on the same fleet of MCP Java SDK servers (a process of its own), at the same
 * concurrency: 50, and every endpoint at once; liveness only (connect, list tools) and with a tool call. Each prober
 * is its own process — {@code mcpulse-probe --fleet F --all} from its runnable jar, {@code node probe-fleet.mjs} —
 * measuring its own CPU (user+sys of every thread) per round, so each pays for its own JIT, GC and output.
 */
public final class PeerClientBenchmark implements Benchmark {

    private static final double TARGET_MCPULSE_CPU_MS = 1.0;
    private static final double TARGET_PEER_RATIO = 3.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "B8";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        boolean quick = env.options().quick();
        int endpoints = quick ? 200 : 500;
        // Enough rounds for a JVM's JIT to do most of its work: at rounds 5–8 its compiler threads still take a large
        // share of the process's CPU (the report prints the per-round series), which a long-lived monitor pays once.
        int rounds = quick ? 8 : 32;
        int earlyFrom = quick ? 3 : 5;
        int earlyTo = quick ? 4 : 8;
        Path peer = PeerScript.ready(env.root());
        Path cli = env.root().resolve("functions/probe-cli/target/mcpulse-probe-cli-0.1.0-SNAPSHOT-runnable.jar");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("B8 needs " + cli + " (bin/mcpulse-bench builds it)");
        }
        FleetServers fleet = env.fleet();

        Section section = new Section(id(), "side by side with the official TypeScript MCP client").header(
                "probe", "concurrency", "client", "every probe ok", "cold CPU ms per probe (round 1)",
                "warming CPU ms per probe (rounds " + earlyFrom + "–" + earlyTo + ")",
                "warm CPU ms per probe (rounds " + (rounds / 2 + 1) + "–" + rounds + ")",
                "warm probes per core-second", "warm wall ms per round", "CPU per probe vs mcpulse");
        for (boolean toolCall : List.of(false, true)) {
            Path fleetFile = writeFleet(env.scratch().resolve("peer-fleet-" + (toolCall ? "tool" : "liveness") + ".json"),
                    fleet, endpoints, toolCall);
            for (int concurrency : List.of(50, endpoints)) {
                String probe = toolCall ? "with a tool call" : "liveness";
                String atOnce = concurrency == endpoints ? "all " + endpoints : Integer.toString(concurrency);
                FleetSummary mcpulse = run(env, "mcpulse", List.of(JavaProcess.javaExecutable(), "-jar", cli.toString(),
                        "--fleet", fleetFile.toString(), "--all", "--concurrency", Integer.toString(concurrency),
                        "--repeat", Integer.toString(rounds)));
                FleetSummary sdk = run(env, "ts-client", List.of(PeerScript.node(), peer.toString(),
                        "--fleet", fleetFile.toString(), "--concurrency", Integer.toString(concurrency),
                        "--repeat", Integer.toString(rounds)));
                double ratio = sdk.warmCpuMsPerProbe() / mcpulse.warmCpuMsPerProbe();
                row(section, probe, atOnce, "mcpulse-probe", mcpulse, earlyFrom, earlyTo, "1×");
                row(section, probe, atOnce, "TypeScript SDK client", sdk, earlyFrom, earlyTo, number(ratio) + "×");
                if (concurrency == 50 && !toolCall) {
                    section.note("CPU ms per probe, round by round, liveness, 50 at once: mcpulse-probe "
                            + series(mcpulse) + "; TypeScript SDK client " + series(sdk) + ".");
                }
                if (concurrency == 50) {
                    section.headline("mcpulse warm CPU per probe, " + probe + ", 50 at once",
                            mcpulse.warmCpuMsPerProbe(), "ms", TARGET_MCPULSE_CPU_MS, true);
                    section.headline("TS SDK client / mcpulse CPU per probe, warm, " + probe + ", 50 at once",
                            ratio, "×", TARGET_PEER_RATIO, false);
                }
            }
        }
        section.note("Each prober is a fresh process per row: round 1 is its cold figure (JIT, pools and, for mcpulse, "
                + "the era cache empty), the warm figure (and the ratio, and the headlines) the median of rounds "
                + (rounds / 2 + 1) + "–" + rounds + ", and the warming column the median of rounds " + earlyFrom + "–"
                + earlyTo + ", which runs before 2026-12-04 reported as warm: a JVM's JIT is still compiling then, and "
                + "its compiler threads' CPU is in the process's. " + endpoints + " logical endpoints on the fleet's MCP Java SDK servers (streamable HTTP, loopback); "
                + "a row whose probes were not all `ok` measures a failure, not a probe.");
        section.note("Per probe, mcpulse-probe does what the monitor does (initialize or discovery, tools/list, the "
                + "readiness tool call when the entry names one, the verdict, one JSON line); the TypeScript client "
                + "connects (initialize), lists tools, calls the tool, ends the session (DELETE, as mcpulse does; before "
                + "2026-12-04 it left each session on the server), closes, and prints one JSON line. Both run as "
                + "their launchers start them: `java -jar` (full tiered JIT, the JVM's default), `node`.");
        return section;
    }

    private static void row(Section section, String probe, String concurrency, String client, FleetSummary summary,
                            int earlyFrom, int earlyTo, String versusMcpulse) {
        section.row(probe, concurrency, client, summary.okProbes() + " / " + summary.probes()
                        + (summary.allOk() ? "" : " **failed** " + summary.failures()),
                number(summary.cold().cpuMsPerProbe()), number(summary.cpuMsPerProbe(earlyFrom, earlyTo)),
                number(summary.warmCpuMsPerProbe()),
                number(1000 / summary.warmCpuMsPerProbe()), number(summary.warmWallMs()), versusMcpulse);
    }

    private static String series(FleetSummary summary) {
        return summary.rounds().stream().map(round -> number(round.cpuMsPerProbe()))
                .collect(Collectors.joining(", "));
    }

    private static FleetSummary run(BenchEnv env, String name, List<String> command) throws Exception {
        try (JavaProcess process = JavaProcess.startCommand(name, command, env.scratch().resolve(name + ".log"))) {
            String line = process.awaitLine(l -> l.startsWith(FleetSummary.PREFIX), Duration.ofMinutes(10));
            process.awaitExit(Duration.ofSeconds(30));
            return FleetSummary.parse(line);
        }
    }

    /** The same fleet file for both: JSON (which mcpulse reads as YAML), logical endpoints over the servers. */
    static Path writeFleet(Path file, FleetServers fleet, int endpoints, boolean toolCall) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode entries = root.putArray("endpoints");
        for (int n = 0; n < endpoints; n++) {
            ObjectNode entry = entries.addObject();
            entry.put("id", "peer-" + n);
            entry.put("url", fleet.healthy(n).toString());
            entry.put("timeoutMs", 10_000);
            if (toolCall) {
                entry.putObject("readiness").put("tool", "ready");
            }
        }
        Files.writeString(file, JSON.writeValueAsString(root));
        return file;
    }
}
