package dev.mcpulse.bench.probefn;

import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.ShiftedClock;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.domain.service.ShardProbe;
import dev.mcpulse.wiring.MonitorSettings;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mcpulse in a process of its own, for B1, B2 and B6: the probe function's beans from its deployable jar
 * (functions/probe/target/mcpulse-probe-function.jar: {@code ShardProbe} → {@code McpProber} → the DynamoDB
 * {@code SnapshotStore}), and beside them the scheduler's service, {@code Scheduler}, dispatching to
 * {@link AllAtOnceDispatcher}. Its classpath is that jar and the benchmark's classes, nothing else, so its CPU and
 * memory are those of a probe function.
 *
 * <p>Arguments are configuration properties ({@code key=value}). Commands come on standard input, one a line; each
 * answers one line ({@link BenchLine}) on standard output, among the function's JSON log lines:
 * <ul>
 * <li>{@code cycle}: one scheduler cycle, timed until every shard has stored every snapshot;
 * <li>{@code advance}: the clock moves one probe interval on (the next cycle finds every endpoint due);
 * <li>{@code sequential N}: the naive loop over the first N endpoints: probe and store one, then the next;
 * <li>{@code shard}: every endpoint of the registry as one shard in one {@code ShardProbe} run, the heap sampled;
 * <li>{@code planned}: the registry's due endpoints as the scheduler shards them (its shard size, the endpoints whose
 *     last check timed out set apart), each shard then run as the probe function runs one, one after the other;
 * <li>{@code heap}: the heap in use now;
 * <li>{@code quit}.
 * </ul>
 */
public final class ProbeFunctionMain {

    private final ApplicationContext context;
    private final ShiftedClock clock;
    private final ShardProbe shardProbe;
    private final AllAtOnceDispatcher dispatcher;
    private final Scheduler scheduler;
    private final MonitorSettings settings;

    private ProbeFunctionMain(ApplicationContext context, ShiftedClock clock) {
        this.context = context;
        this.clock = clock;
        this.settings = context.getBean(MonitorSettings.class);
        this.shardProbe = context.getBean(ShardProbe.class);
        this.dispatcher = new AllAtOnceDispatcher(shardProbe);
        this.scheduler = new Scheduler(context.getBean(EndpointRegistry.class), context.getBean(SnapshotStore.class),
                dispatcher, context.getBean(CycleLog.class), clock, settings.scheduler());
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            properties.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        ShiftedClock clock = new ShiftedClock();
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).banner(false)
                .properties(properties).singletons(clock).start()) {
            ProbeFunctionMain main = new ProbeFunctionMain(context, clock);
            answer("ready", Map.of("pid", ProcessHandle.current().pid()));
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
                main.run(line.trim().split("\\s+"));
            }
        }
        System.exit(0);
    }

    private void run(String[] command) throws InterruptedException {
        switch (command[0]) {
            case "cycle" -> cycle();
            case "advance" -> {
                clock.advance(settings.interval());
                answer("advance", Map.of("now", clock.instant()));
            }
            case "sequential" -> sequential(Integer.parseInt(command[1]));
            case "shard" -> shard();
            case "planned" -> planned();
            case "heap" -> answer("heap", Map.of("used", HeapSampler.used(), "max", Runtime.getRuntime().maxMemory(),
                    "gc", HeapSampler.collectorNames()));
            default -> answer("unknown", Map.of("command", command[0]));
        }
    }

    private void cycle() {
        Instant started = clock.instant();
        long start = System.nanoTime();
        CycleRecord record = scheduler.runCycle();
        long dispatched = System.nanoTime();
        List<AllAtOnceDispatcher.Done> shards = dispatcher.awaitAll();
        long end = System.nanoTime();
        int probed = 0;
        int connected = 0;
        int failedShards = 0;
        String firstFailure = "none";
        for (AllAtOnceDispatcher.Done shard : shards) {
            if (shard.failure() != null) {
                failedShards++;
                firstFailure = failedShards == 1 ? rootCause(shard.failure()) : firstFailure;
                shard.failure().printStackTrace();
            } else {
                probed += shard.report().probed();
                connected += shard.report().connected();
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("startedAt", started);
        values.put("wallNanos", end - start);
        values.put("schedulerNanos", dispatched - start);
        values.put("due", record.endpointsDue());
        values.put("intervalMillis", settings.interval().toMillis());
        values.put("shards", shards.size());
        values.put("failedShards", failedShards);
        values.put("firstFailure", firstFailure);
        values.put("probed", probed);
        values.put("connected", connected);
        answer("cycle", values);
    }

    /** The naive loop DESIGN lesson 8 warns of: the same checker, one endpoint after the other. */
    private void sequential(int count) {
        EndpointChecker checker = context.getBean(EndpointChecker.class);
        List<Endpoint> sample = context.getBean(EndpointRegistry.class).list().stream().limit(count).toList();
        List<String> results = new ArrayList<>();
        long start = System.nanoTime();
        for (Endpoint endpoint : sample) {
            long began = System.nanoTime();
            EndpointChecker.Checked checked = checker.checkNow(endpoint);
            results.add(endpoint.id().value() + ":" + checked.result().outcome().kind().code() + ":"
                    + (System.nanoTime() - began));
        }
        answer("sequential", Map.of("wallNanos", System.nanoTime() - start, "results", String.join(",", results)));
    }

    /** One shard of the whole registry, run as the probe function's handler runs it: on this thread. */
    private void shard() throws InterruptedException {
        List<EndpointId> ids = context.getBean(EndpointRegistry.class).list().stream().map(Endpoint::id).toList();
        ProbeShard shard = new ProbeShard(clock.instant(), 0, ids, Duration.ZERO);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("startedAt", clock.instant());
        long start = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            ShardProbe.Report report = shardProbe.run(shard, ShardProbe.INVOCATION_TIME);
            values.put("wallNanos", System.nanoTime() - start);
            values.put("probed", report.probed());
            values.put("connected", report.connected());
            values.put("heapPeakUsed", heap.peakUsed());
            values.put("heapCommitted", heap.committed());
            values.put("collections", heap.collectionsSince());
            values.put("collectionMillis", heap.collectionMillisSince());
        }
        answer("shard", values);
    }

    /**
     * One scheduler cycle whose shards are kept, not dispatched; then each is run on this thread, one after the other, as
     * separate invocations of the probe function would run them (each in a container of its own on AWS; here each has
     * this JVM, and its core, to itself). Answers each shard's size, wall and CPU time, and whether it holds endpoints
     * set apart because their last check timed out.
     */
    private void planned() {
        List<ProbeShard> planned = new ArrayList<>();
        Instant started = clock.instant();
        new Scheduler(context.getBean(EndpointRegistry.class), context.getBean(SnapshotStore.class), planned::add,
                context.getBean(CycleLog.class), clock, settings.scheduler()).runCycle();
        List<String> shards = new ArrayList<>();
        for (ProbeShard shard : planned) {
            ProbeShard payload = ShardRequest.of(shard).toShard()
                    .orElseThrow(() -> new IllegalStateException("shard " + shard.shardIndex() + " is not a valid payload"));
            long cpu = ProcessUsage.ownCpuNanos();
            long start = System.nanoTime();
            ShardProbe.Report report = shardProbe.run(payload, ShardProbe.INVOCATION_TIME);
            long wall = System.nanoTime() - start;
            // size:wallNanos:cpuNanos:apart (a shard without a batch slot holds the endpoints set apart)
            shards.add(report.probed() + ":" + wall + ":" + (ProcessUsage.ownCpuNanos() - cpu) + ":" + shard.shardCount().isEmpty());
        }
        answer("planned", Map.of("startedAt", started, "shards", String.join(",", shards)));
    }

    /** The innermost cause's class and message, as one word. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ":" + root.getMessage());
        return text.replaceAll("\\s+", "_");
    }

    private static void answer(String command, Map<String, ?> values) {
        System.out.println(BenchLine.format(command, values));
        System.out.flush();
    }
}
