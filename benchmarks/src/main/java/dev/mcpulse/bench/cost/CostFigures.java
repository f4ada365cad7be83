package dev.mcpulse.bench.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The cost run's phases turned into the model's inputs: means over the steady cycles (after the warm-up, which
 * brings the failing endpoints into back-off), per endpoint where the code's work grows with the fleet.
 */
final class CostFigures {

    /** DynamoDB bills 100 bytes of overhead for each stored item. */
    static final long STORED_ITEM_OVERHEAD = 100;

    final CostRun.Result run;
    final boolean capacityReported;

    CostFigures(CostRun.Result run) {
        this.run = run;
        this.capacityReported = run.phases().values().stream().filter(p -> p.dynamoDbRequests() > 0)
                .allMatch(PhaseFigures::capacityReported);
    }

    List<Integer> steadyCycles() {
        return IntStream.rangeClosed(run.warmupCycles() + 1, run.warmupCycles() + run.steadyCycles()).boxed().toList();
    }

    PhaseFigures scheduler(int cycle) {
        return phase("scheduler#" + cycle);
    }

    PhaseFigures eventSourceMapping(int cycle) {
        return run.phases().getOrDefault("esm#" + cycle, PhaseFigures.empty());
    }

    List<PhaseFigures> shards(int cycle) {
        return run.phases().entrySet().stream().filter(e -> e.getKey().startsWith("probe#" + cycle + "#"))
                .map(Map.Entry::getValue).toList();
    }

    PhaseFigures shardsOf(int cycle) {
        return shards(cycle).stream().reduce(PhaseFigures.empty(), PhaseFigures::plus);
    }

    PhaseFigures phase(String name) {
        PhaseFigures figures = run.phases().get(name);
        if (figures == null) {
            throw new IllegalStateException("the cost run has no phase " + name);
        }
        return figures;
    }

    double rru(PhaseFigures p) {
        return capacityReported ? p.rruReported() : p.rruComputed();
    }

    double wru(PhaseFigures p) {
        // A write refused by its condition is billed, but no response reports it: its units are computed.
        return capacityReported ? p.wruReported() + p.failedWriteUnits() : p.wruComputed();
    }

    /** The mean over the steady cycles of a figure of each cycle. */
    double steady(java.util.function.IntToDoubleFunction perCycle) {
        return steadyCycles().stream().mapToDouble(perCycle::applyAsDouble).average().orElseThrow();
    }

    double seconds(PhaseFigures p) {
        return p.figure("wallNanos") / 1e9;
    }

    double shardSeconds(int cycle) {
        return shards(cycle).stream().mapToDouble(this::seconds).sum();
    }

    /** Steady shards, split by whether one of their endpoints was a failing one (which waits out its deadline). */
    List<PhaseFigures> steadyShards(boolean withFailing) {
        List<PhaseFigures> shards = new ArrayList<>();
        for (int cycle : steadyCycles()) {
            shards(cycle).stream().filter(s -> Arrays.stream(s.figures().get("ids").split(","))
                    .anyMatch(CostRun::failing) == withFailing).forEach(shards::add);
        }
        return shards;
    }

    /**
     * The request a chart makes once its row shows a new check: for the checks since the newest it holds where the
     * dashboard asks so ({@code history_after} in its script), else its whole history again.
     */
    static String chartUpdate(Map<String, String> dashboard) {
        return Boolean.parseBoolean(dashboard.get("chartAsksAfter")) ? "detailAfter" : "detail";
    }

    /** The repeats of one API request after the first (which pays the function's warm-up). */
    List<PhaseFigures> apiRequests(String kind) {
        List<PhaseFigures> requests = new ArrayList<>();
        for (int i = 1; run.phases().containsKey("api:" + kind + "#" + i); i++) {
            requests.add(run.phases().get("api:" + kind + "#" + i));
        }
        if (requests.isEmpty()) {
            throw new IllegalStateException("the cost run made no warm api:" + kind + " request");
        }
        return requests;
    }

    double apiSeconds(String kind) {
        return median(apiRequests(kind), this::seconds);
    }

    /**
     * Every custom metric (namespace, name, dimension values) the functions' EMF lines sent in the steady cycles: what
     * a steady fleet is billed for (a count of zero is not sent, so the first cycles' counts of endpoints not yet
     * checked are not a steady fleet's).
     */
    Set<String> customMetrics() {
        Set<String> metrics = new TreeSet<>();
        for (int cycle : steadyCycles()) {
            metrics.addAll(scheduler(cycle).emfMetrics());
            shards(cycle).forEach(p -> metrics.addAll(p.emfMetrics()));
        }
        return metrics;
    }

    /** The mean size of a check batch item (one shard's checks of one cycle), as DynamoDB bills it. */
    double batchBytes() {
        PhaseFigures.Sizes batches = steadyWrites().get("checks");
        return batches == null ? 0 : batches.meanBytes();
    }

    /** Items written in the steady cycles by kind (scheduler and shards). */
    Map<String, PhaseFigures.Sizes> steadyWrites() {
        Map<String, PhaseFigures.Sizes> writes = new TreeMap<>();
        for (int cycle : steadyCycles()) {
            scheduler(cycle).plus(shardsOf(cycle)).itemSizes().forEach((k, v) -> writes.merge(k, v, PhaseFigures.Sizes::plus));
        }
        return writes;
    }

    /**
     * Bytes stored per endpoint as DynamoDB bills them: the kinds without a TTL (overwritten in place) as the table
     * holds them at the end; the kinds with one as written per cycle, kept for their TTL.
     */
    double storageBytesPerEndpoint() {
        double bytes = 0;
        Map<String, PhaseFigures.Sizes> writes = steadyWrites();
        for (Map.Entry<String, PhaseFigures.Sizes> kind : run.stored().entrySet()) {
            PhaseFigures.Sizes stored = kind.getValue();
            PhaseFigures.Sizes written = writes.get(kind.getKey());
            if (stored.withTtl() == 0 || written == null || written.meanTtlSeconds().isEmpty()) {
                bytes += stored.count() * (stored.meanBytes() + STORED_ITEM_OVERHEAD) / run.endpoints();
            } else {
                double perEndpointCycle = written.count() / (double) run.steadyCycles() / run.endpoints();
                double cyclesKept = written.meanTtlSeconds().getAsDouble() / intervalSeconds();
                bytes += perEndpointCycle * cyclesKept * (written.meanBytes() + STORED_ITEM_OVERHEAD);
            }
        }
        return bytes;
    }

    double intervalSeconds() {
        return Double.parseDouble(run.probe().environment().get("MCPULSE_PROBE_INTERVAL_SECONDS"));
    }

    int shardSize() {
        return Integer.parseInt(run.probe().environment().get("MCPULSE_SHARD_SIZE"));
    }

    static double gb(int memoryMb) {
        return memoryMb / 1024.0;
    }

    CostModel.ApiRequest api(String kind) {
        PhaseFigures first = apiRequests(kind).getFirst();
        return new CostModel.ApiRequest(rru(first), apiSeconds(kind) * gb(run.api().memoryMb()), first.logBytes());
    }

    /** A cold probe container's extra: its context's start and its first shard's wall time over a warm shard's. */
    double probeColdSeconds() {
        double warm = median(steadyShards(false), this::seconds);
        return seconds(phase("init:probe")) + Math.max(0, seconds(phase("probe#1#1")) - warm);
    }

    /**
     * The pages an open dashboard shows, which its refresh reads again (fleet-list.js): a person reading the first
     * page of 100 rows, filtered or not. An assumption, not a constant of the script.
     */
    static final int PAGES_SHOWN = 1;

    CostModel.Inputs inputs(Map<String, String> dashboard) {
        int n = run.endpoints();
        double probeGb = gb(run.probe().memoryMb());
        CostModel.Dashboard ui = new CostModel.Dashboard(Double.parseDouble(dashboard.get("REFRESH_MS")) / 1000,
                (int) apiRequests("first").getFirst().figure("rows"), Integer.parseInt(dashboard.get("PAGE_SIZE")),
                PAGES_SHOWN, Integer.parseInt(dashboard.get("SPARK_CONCURRENCY")));
        return new CostModel.Inputs(intervalSeconds(), shardSize(), run.probeMaxConcurrency(),
                steady(this::shardSeconds) * probeGb / n,
                steady(c -> shards(c).size()) / n,
                steady(c -> seconds(scheduler(c))) * gb(run.scheduler().memoryMb()) / n,
                steady(c -> rru(scheduler(c)) + rru(shardsOf(c))) / n,
                steady(c -> wru(shardsOf(c))) / n,
                steady(c -> wru(scheduler(c))),
                steady(c -> scheduler(c).sqsChunks() + eventSourceMapping(c).sqsChunks() + shardsOf(c).sqsChunks()) / n,
                steady(c -> shardsOf(c).logBytes()) / n,
                steady(c -> scheduler(c).logBytes()),
                storageBytesPerEndpoint(),
                api("first"), api("page"), api("detail"), api(chartUpdate(dashboard)),
                apiSeconds(chartUpdate(dashboard)), ui,
                customMetrics().size(),
                probeColdSeconds() * probeGb,
                steady(c -> scheduler(c).figure("due")) / n,
                dev.mcpulse.secrets.SecretsConfiguration.DEFAULT_CACHE_TTL.toSeconds(),
                dev.mcpulse.secrets.SecretsManagerSecretResolver.BATCH_LIMIT,
                run.jitterSeconds(),
                steady(this::shardSeconds) / steady(c -> shards(c).size()),
                // the summary's count reads what the scheduler's cycle reads: every entry and snapshot, confirmed
                new CostModel.SummaryCount(steady(c -> rru(scheduler(c))) / n,
                        dev.mcpulse.domain.service.FleetQuery.COUNTED_NOW_UP_TO, n),
                // a page's rows are confirmed from the batches of the latest two cycles (CheckBatches)
                new CostModel.PageConfirms(shardSize(), steady(c -> scheduler(c).figure("due")) / n, 2,
                        0.5 * Math.ceil(batchBytes() / 4096), n));
    }

    static double median(List<PhaseFigures> phases, ToDoubleFunction<PhaseFigures> figure) {
        double[] values = phases.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
