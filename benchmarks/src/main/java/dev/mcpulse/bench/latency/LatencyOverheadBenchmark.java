package dev.mcpulse.bench.latency;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.Stats;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.mcp.EraCache;
import dev.mcpulse.mcp.McpHttpClients;
import dev.mcpulse.mcp.McpLimits;
import dev.mcpulse.mcp.McpProber;
import dev.mcpulse.mcp.ProbeHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * B3, latency overhead: one probe of a healthy MCP Java SDK server (legacy streamable HTTP, readiness tool
 * configured) against the bare HTTP exchanges the protocol needs for the same work, sent by the JDK's HTTP client
 * in the same process. The cases run interleaved, round after round, so noise from the shared machine hits them
 * alike. A probe whose era is cached opens with {@code initialize}; one without (the first probe of an endpoint in a
 * fresh function) first tries the modern {@code server/discover}, as the spec's era detection says: that case is
 * compared with a raw sequence that makes the same extra attempt.
 */
public final class LatencyOverheadBenchmark implements Benchmark {

    static final String READINESS_TOOL = "ready";
    /** Warm-up and measurement each end at their round count or their time, whichever comes first (B3: ~45 s). */
    private static final Duration WARMUP_BUDGET = Duration.ofSeconds(12);
    private static final Duration MEASURE_BUDGET = Duration.ofSeconds(22);

    enum Case {
        RAW("raw HTTP: initialize, initialized, tools/list, tools/call, DELETE", RawLegacyExchanges.exchanges(false)),
        PROBE_CACHED("mcpulse probe, era cached", RawLegacyExchanges.exchanges(false)),
        RAW_DISCOVER("raw HTTP, server/discover (4xx) first", RawLegacyExchanges.exchanges(true)),
        PROBE_UNCACHED("mcpulse probe, era not cached", RawLegacyExchanges.exchanges(true));

        final String label;
        final int exchanges;

        Case(String label, int exchanges) {
            this.label = label;
            this.exchanges = exchanges;
        }
    }

    @Override
    public String id() {
        return "B3";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        boolean quick = env.options().quick();
        int warmupRounds = quick ? 30 : 600;
        int rounds = quick ? 60 : 1000;
        URI url = env.fleet().healthy(0);
        Endpoint endpoint = new Endpoint(new EndpointId("b3-healthy"), "b3", Map.of(), url, Transport.AUTO,
                new AuthRef.None(), Endpoint.DEFAULT_TIMEOUT, Optional.of(new Readiness(READINESS_TOOL, Map.of())), true);

        try (ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            McpLimits limits = McpLimits.defaults();
            McpProber cachedProber = new McpProber(client, limits, new EraCache(16));
            RawLegacyExchanges raw = new RawLegacyExchanges(url, READINESS_TOOL);

            // Cold: the first probe and the first raw sequence in this process (class loading, first connections).
            long coldProbe = timed(() -> expectOk(cachedProber.probe(endpoint, Optional.empty()).get(30, TimeUnit.SECONDS)));
            long coldRaw = timed(() -> raw.run(false));

            Map<Case, List<Long>> samples = new EnumMap<>(Case.class);
            for (Case c : Case.values()) {
                samples.put(c, new ArrayList<>());
            }
            Round round = c -> switch (c) {
                case RAW -> timed(() -> raw.run(false));
                case RAW_DISCOVER -> timed(() -> raw.run(true));
                case PROBE_CACHED -> timed(() -> expectOk(
                        cachedProber.probe(endpoint, Optional.empty()).get(30, TimeUnit.SECONDS)));
                case PROBE_UNCACHED -> timed(() -> expectOk(new McpProber(client, limits, new EraCache(16))
                        .probe(endpoint, Optional.empty()).get(30, TimeUnit.SECONDS)));
            };
            int warmedUp = rounds(round, warmupRounds, WARMUP_BUDGET, null, null);
            CpuShares cpu = new CpuShares(ProcessHandle.current().pid(), env.fleet().pid());
            int measured = rounds(round, rounds, MEASURE_BUDGET, samples, cpu);
            return report(samples, cpu, measured, warmedUp, coldProbe, coldRaw);
        }
    }

    private Section report(Map<Case, List<Long>> samples, CpuShares cpu, int rounds, int warmupRounds, long coldProbe,
                           long coldRaw) {
        Map<Case, Stats> stats = new EnumMap<>(Case.class);
        samples.forEach((c, nanos) -> stats.put(c, Stats.of(nanos.stream().map(n -> n / 1e6).toList())));
        double cachedRatio = stats.get(Case.PROBE_CACHED).median() / stats.get(Case.RAW).median();
        double uncachedRatio = stats.get(Case.PROBE_UNCACHED).median() / stats.get(Case.RAW_DISCOVER).median();
        double uncachedVsRaw = stats.get(Case.PROBE_UNCACHED).median() / stats.get(Case.RAW).median();

        Section section = new Section(id(), "latency overhead of one probe")
                .header("case", "HTTP exchanges", "samples", "min ms", "median ms", "p99 ms", "median / its baseline",
                        "client CPU ms", "server CPU ms");
        for (Case c : Case.values()) {
            Stats s = stats.get(c);
            String ratio = switch (c) {
                case RAW, RAW_DISCOVER -> "baseline";
                case PROBE_CACHED -> format(cachedRatio) + "× raw";
                case PROBE_UNCACHED -> format(uncachedRatio) + "× raw with discover (" + format(uncachedVsRaw) + "× raw)";
            };
            section.row(c.label, c.exchanges, s.count(), format(s.min()), format(s.median()), format(s.percentile(99)), ratio,
                    format(cpu.millisPerRun(c, 0)), format(cpu.millisPerRun(c, 1)));
        }
        section.row("first probe in this process (cold)", Case.PROBE_CACHED.exchanges + 1, 1, "", format(coldProbe / 1e6), "",
                format((double) coldProbe / coldRaw) + "× the first raw sequence (" + format(coldRaw / 1e6) + " ms)", "", "");
        section.headline("probe / raw HTTP, median, era cached", cachedRatio, "×", 1.2, true);
        section.headline("probe / raw HTTP with discover, median, era not cached", uncachedRatio, "×", 1.2, true);
        section.note("One healthy MCP Java SDK server (streamable HTTP servlet on Jetty, in the fleet process), readiness"
                + " tool `" + READINESS_TOOL + "` configured. The probe runs in the benchmark process through the"
                + " production HTTP client configuration (`McpHttpClients`); the raw baseline is `java.net.http.HttpClient`"
                + " (HTTP/1.1, keep-alive) in the same process, reading each body whole and parsing only the session"
                + " id and negotiated version. " + warmupRounds + " warm-up rounds, then " + rounds
                + " measured rounds (each phase ends at its round count or after " + WARMUP_BUDGET.toSeconds() + " s / "
                + MEASURE_BUDGET.toSeconds() + " s); each round runs the four cases once, in a rotating order.");
        section.note("Era cached (every probe after an endpoint's first in a warm function): initialize, "
                + "notifications/initialized, tools/list, tools/call, DELETE — the same five exchanges as the raw"
                + " baseline. Era not cached (an endpoint's first probe in a fresh function, or after its era changed):"
                + " one more exchange first, the modern `server/discover`, which a legacy server answers 4xx, as the"
                + " 2026-07-28 backward-compatibility rules require; compared with a raw sequence making the same"
                + " attempt.");
        section.note("CPU columns: CPU time per run of the benchmark process (the client: the probe or the JDK client,"
                + " with its JIT and GC) and of the fleet process (the server), from /proc, summed over the measured"
                + " runs of each case and divided by their number. Where the machine is busy, wall times stretch"
                + " while CPU per run moves much less: client CPU probe / raw (era cached) = "
                + format(cpu.millisPerRun(Case.PROBE_CACHED, 0) / cpu.millisPerRun(Case.RAW, 0)) + "×.");
        section.note("The cold row is the first probe in this JVM (class loading, JIT, new connections) against the"
                + " first raw sequence, which also pays the JDK client's start-up; it is not a Lambda cold start (B5).");
        section.earlier("2026-11-22", "338ca8a", FIX);
        return section;
    }

    /** What a missed target led to; measured while developing with this benchmark, the two builds back to back. */
    static final String FIX = "Missed, then fixed: with the hostile-server guard (session 2) the probe closed the "
            + "connection of every exchange it left before the response's end, and an SSE answer is read before the "
            + "server ends its stream; so a legacy probe of this server opened 4 connections for its 6 exchanges "
            + "(`ss` after one `mcpulse-probe`), and the server's CPU per probe was 1.35× the raw client's. An exchange "
            + "whose answer has arrived now gives its response 25 ms to end before the connection is closed "
            + "(then `ExchangeGuard.ANSWERED_GRACE_MILLIS`, now `ProbeTransport.ANSWERED_GRACE_MILLIS`; a stream that stays open still loses it): 2 connections per "
            + "probe, server CPU equal to the raw client's, median era cached 1.33× → 1.05×, not cached 1.21× → 1.09×.";

    /** CPU seconds of the client and server processes, charged to the case that ran between two readings. */
    static final class CpuShares {
        private final long[] pids;
        private final Map<Case, double[]> seconds = new EnumMap<>(Case.class);
        private final Map<Case, Integer> runs = new EnumMap<>(Case.class);

        CpuShares(long... pids) {
            this.pids = pids;
        }

        double[] read() {
            double[] now = new double[pids.length];
            for (int i = 0; i < pids.length; i++) {
                now[i] = ProcessUsage.cpuSeconds(pids[i]);
            }
            return now;
        }

        void charge(Case c, double[] before) {
            double[] after = read();
            double[] total = seconds.computeIfAbsent(c, k -> new double[pids.length]);
            for (int i = 0; i < pids.length; i++) {
                total[i] += after[i] - before[i];
            }
            runs.merge(c, 1, Integer::sum);
        }

        double millisPerRun(Case c, int process) {
            return seconds.get(c)[process] * 1000 / runs.get(c);
        }
    }

    private interface Round {
        long time(Case c) throws Exception;
    }

    /** Runs up to {@code count} rounds within {@code budget}, each case once in a rotating order; returns the rounds run. */
    private static int rounds(Round round, int count, Duration budget, Map<Case, List<Long>> samples, CpuShares cpu)
            throws Exception {
        long ends = System.nanoTime() + budget.toNanos();
        Case[] cases = Case.values();
        int done = 0;
        for (; done < count && System.nanoTime() < ends; done++) {
            for (int k = 0; k < cases.length; k++) {
                // Rotate the order each round, so no case always follows the same one.
                Case c = cases[(k + done) % cases.length];
                double[] before = cpu == null ? null : cpu.read();
                long nanos = round.time(c);
                if (cpu != null) {
                    cpu.charge(c, before);
                }
                if (samples != null) {
                    samples.get(c).add(nanos);
                }
            }
        }
        return done;
    }

    private static void expectOk(ProbeResult result) {
        if (result.outcome().kind() != OutcomeKind.OK || result.era().orElse(null) != Era.LEGACY_STREAMABLE_HTTP) {
            throw new IllegalStateException("the probe of a healthy server was not ok: " + result.outcome());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
