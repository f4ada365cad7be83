package dev.mcpulse.bench.scale;

import dev.mcpulse.aws.AwsClients;
import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.JavaProcess;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.Stats;
import dev.mcpulse.bench.api.ApiServerMain;
import dev.mcpulse.bench.api.BenchClasspath;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.scheduler.SqsClientConfiguration;
import dev.mcpulse.scheduler.SqsProbeDispatcher;
import dev.mcpulse.storage.dynamodb.DynamoDbCycleLog;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import dev.mcpulse.storage.dynamodb.DynamoDbSnapshotStore;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * B7: the dispatch part ({@code DispatchBenchmark}, 4,000 shards through the probe queue against asynchronous
 * invokes), then the fleet at scale — at each size (1,000, 10,000 and 100,000 endpoints by default, or
 * {@code --sizes}) in DynamoDB Local, in a process of its own:
 * <ol>
 *   <li>seeding the registry with BatchWriteItem (the registry adapter's own, several writers at once), timed;</li>
 *   <li>one cycle's writes per partition key: a scheduler cycle, then its shards probed as the probe function does
 *   ({@link ProbeCycle}), with the benchmark's own DynamoDB client counting every item written, by {@code pk}
 *   ({@link WritesPerKey}); this cycle also writes the new endpoints' snapshots (seeding them), and is timed;</li>
 *   <li>the scheduler's cycle, now over the full table: the real {@link Scheduler} over the DynamoDB adapters
 *   (registry read, snapshot read, the cycle record) handing its shards to the probe queue's dispatcher
 *   ({@link SqsProbeDispatcher} → ElasticMQ on loopback), wall time;</li>
 *   <li>the API: the first page, a status filter (5 % unhealthy), a label filter (5 %), the summary (a page of one
 *   row) and the largest page, over HTTP on loopback from the api function's routes ({@link ApiServerMain},
 *   a process of its own): p50, p95 and bytes.</li>
 * </ol>
 * Sizes grow in one table (the next size adds endpoints), so each size is measured on a table as full as it says.
 */
public final class ScaleBenchmark implements Benchmark {

    static final List<Integer> SIZES = List.of(1_000, 10_000, 100_000);
    static final List<Integer> QUICK_SIZES = List.of(200, 1_000);
    static final int SHARD_SIZE = 25;
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final Duration JITTER = Duration.ofSeconds(60);
    /** sam-template.yaml's SchedulerFunction Timeout and MemorySize (SchedulerSizingTest reads them there). */
    public static final Duration SCHEDULER_TIMEOUT = Duration.ofSeconds(50);
    static final int SCHEDULER_MEMORY_MB = 1769;
    /** Lambda gives a function one vCPU's worth of CPU at 1,769 MB, and CPU in proportion to memory below that. */
    static final double MB_PER_VCPU = 1_769;
    /** DynamoDB's write throughput for one partition (key), per second. */
    static final int PARTITION_WCU_PER_SECOND = 1_000;
    static final long MAX_RESPONSE_BYTES = 1_000_000;
    static final int SEED_WRITERS = 4;
    static final int SCHEDULER_RUNS = 3;
    /**
     * The counted cycle's checks read as made this long ago: most of an interval, so the measured scheduler cycles
     * find every endpoint due (within half an interval of its next check), as the next cycle would, while the checks
     * still read as fresh for the API's requests after them.
     */
    static final Duration CHECKED_AGO = INTERVAL.minusMinutes(2);

    private final Benchmark dispatch;

    public ScaleBenchmark(Benchmark dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public String id() {
        return dispatch.id();
    }

    /** One fleet size's figures. */
    record Result(int endpoints, double seedRegistrySeconds, Stats cycleMillis, Stats dispatchMillis,
                  Stats cycleCpuMillis, CycleRecord lastCycle, double countedCycleSeconds, KeyLoad writes,
                  List<ApiReads.Timed> api) {

        /** The cycle's CPU time stretched to the scheduler function's share of a vCPU: its wall time if CPU-bound. */
        double cpuSecondsOnLambda() {
            return cycleCpuMillis.median() / 1000 / (SCHEDULER_MEMORY_MB / MB_PER_VCPU);
        }
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        Section section = dispatch.run(env);
        List<Integer> sizes = !env.options().sizes().isEmpty() ? env.options().sizes()
                : env.options().quick() ? QUICK_SIZES : SIZES;
        List<Result> results = new ArrayList<>();
        WritesPerKey counter = new WritesPerKey();
        SQSRestServer elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        try (DynamoDbLocalProcess dynamo = DynamoDbLocalProcess.start(env.scratch(), "b7-dynamodb");
             DynamoDbClient client = CountedClient.of(dynamo.endpoint(), counter);
             SqsClient sqs = AwsClients.build(SqsClient.builder(), sqsSettings(elasticMq))) {
            int port = freePort();
            try (JavaProcess api = JavaProcess.startWithClasspath("b7-api", BenchClasspath.without("mcpulse-local-"),
                    List.of("-Xmx1g"), ApiServerMain.class.getName(),
                    List.of(Integer.toString(port), dynamo.endpoint().toString(), DynamoDbLocalProcess.TABLE),
                    env.scratch().resolve("b7-api.log"))) {
                api.awaitLine(ApiServerMain.READY::equals, Duration.ofSeconds(120));
                Fleet fleet = new Fleet(new DynamoDbEndpointRegistry(client, DynamoDbLocalProcess.TABLE),
                        new DynamoDbSnapshotStore(client, DynamoDbLocalProcess.TABLE,
                                DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL),
                        new DynamoDbCycleLog(client, DynamoDbLocalProcess.TABLE), sqs, counter);
                ApiReads reads = new ApiReads(port);
                int seeded = 0;
                for (int size : sizes) {
                    System.err.println("mcpulse-bench: B7 at " + size + " endpoints…");
                    results.add(measure(fleet, reads, seeded, size, results.isEmpty()));
                    seeded = size;
                }
            }
        } finally {
            elasticMq.stopAndWait();
        }
        ScaleReport.add(section, results);
        return section;
    }

    /** What one size is measured with. */
    record Fleet(DynamoDbEndpointRegistry registry, DynamoDbSnapshotStore snapshots, DynamoDbCycleLog cycles,
                 SqsClient sqs, WritesPerKey counter) {
    }

    private static Result measure(Fleet fleet, ApiReads reads, int from, int to, boolean first) throws Exception {
        long start = System.nanoTime();
        seedRegistry(fleet.registry(), from, to);
        double registrySeconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT, "mcpulse-bench: B7 seeded %,d registry entries in %.1f s%n", to - from,
                registrySeconds);

        // One cycle, counted: the scheduler's record and dispatch, then every shard probed and stored.
        fleet.counter().start();
        List<ProbeShard> shards = schedulerCycle(fleet, to).shards();
        double countedSeconds = ProbeCycle.run(shards, fleet.registry(), fleet.snapshots(), INTERVAL, CHECKED_AGO);
        KeyLoad writes = KeyLoad.of(fleet.counter().stop());
        System.err.printf(Locale.ROOT, "mcpulse-bench: B7 one cycle's %,d writes in %.1f s, hottest key %s %.1f %%%n",
                writes.writes(), countedSeconds, writes.hottestKey(), 100 * writes.hottestShare());

        List<Double> cycleMillis = new ArrayList<>();
        List<Double> dispatchMillis = new ArrayList<>();
        List<Double> cpuMillis = new ArrayList<>();
        CycleRecord lastCycle = null;
        for (int run = 0; run < SCHEDULER_RUNS; run++) {
            Cycle cycle = schedulerCycle(fleet, to);
            cycleMillis.add(cycle.millis());
            dispatchMillis.add(cycle.dispatchMillis());
            cpuMillis.add(cycle.cpuMillis());
            lastCycle = cycle.record();
        }
        System.err.printf(Locale.ROOT, "mcpulse-bench: B7 scheduler cycle median %.0f ms%n",
                Stats.of(cycleMillis).median());
        return new Result(to, registrySeconds, Stats.of(cycleMillis), Stats.of(dispatchMillis), Stats.of(cpuMillis),
                lastCycle, countedSeconds, writes, api(reads, to, first));
    }

    /**
     * One scheduler cycle: its record, wall time, hand-over time, the shards it handed over, and the CPU time of this
     * JVM meanwhile (the scheduler's, and ElasticMQ's taking its messages: an upper bound of the scheduler's).
     */
    record Cycle(CycleRecord record, double millis, double dispatchMillis, List<ProbeShard> shards, double cpuMillis) {
    }

    /** A scheduler cycle over the whole table, dispatching to a fresh probe queue; checked to have found the fleet. */
    private static Cycle schedulerCycle(Fleet fleet, int endpoints) {
        String queue = fleet.sqs().createQueue(q -> q.queueName("b7-probe-" + System.nanoTime())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "360"))).queueUrl();
        try {
            RecordingDispatcher dispatcher = new RecordingDispatcher(
                    new SqsProbeDispatcher(fleet.sqs(), JsonMapper.createDefault(), queue));
            Scheduler scheduler = new Scheduler(fleet.registry(), fleet.snapshots(), dispatcher, fleet.cycles(),
                    Clock.systemUTC(), new Scheduler.Settings(INTERVAL, SHARD_SIZE, JITTER));
            long cpuStart = ProcessUsage.ownCpuNanos();
            long start = System.nanoTime();
            CycleRecord record = scheduler.runCycle();
            double millis = (System.nanoTime() - start) / 1e6;
            double cpuMillis = (ProcessUsage.ownCpuNanos() - cpuStart) / 1e6;
            if (record.endpointsEnabled() != endpoints) {
                throw new IllegalStateException("the scheduler found " + record.endpointsEnabled() + " of " + endpoints
                        + " endpoints");
            }
            return new Cycle(record, millis, dispatcher.dispatchMillis(), dispatcher.shards(), cpuMillis);
        } finally {
            fleet.sqs().deleteQueue(d -> d.queueUrl(queue));
        }
    }

    /** The query of the API's request by id prefix. */
    static final String BY_ID = "id_prefix=";

    /** The API's requests at this size, each checked to answer what it was asked. */
    private static List<ApiReads.Timed> api(ApiReads reads, int endpoints, boolean first) throws Exception {
        // The API process is new at the first size: its JIT warms up there, on many more requests.
        int warmups = first ? 40 : 5;
        Duration budget = Duration.ofSeconds(20);
        List<ApiReads.Timed> timed = new ArrayList<>();
        ApiReads.Timed firstPage = reads.time("", warmups, 40, budget);
        check(firstPage.rows() == Math.min(100, endpoints) && firstPage.total() == endpoints, "first page", firstPage);
        timed.add(firstPage);
        ApiReads.Timed unhealthy = reads.time("status=unhealthy", warmups / 2, 30, budget);
        check(everyRow(unhealthy, "status", "unhealthy") && unhealthy.rows() > 0, "status filter", unhealthy);
        timed.add(unhealthy);
        ApiReads.Timed label = reads.time("label=" + ScaleFleet.LABEL_FILTER, warmups / 2, 30, budget);
        check(label.rows() > 0 && everyRowLabelled(label), "label filter", label);
        timed.add(label);
        ApiReads.Timed summary = reads.time("limit=1", warmups / 2, 30, budget);
        check(summary.total() == endpoints, "summary", summary);
        timed.add(summary);
        ApiReads.Timed largest = reads.time("limit=250", warmups / 2, 20, budget);
        check(largest.rows() == Math.min(250, endpoints), "largest page", largest);
        timed.add(largest);
        // One endpoint found by its id, as the dashboard's search box asks: the ids that start with the text, then
        // the search of ids, names and URLs. The fleet's last id is the farthest from where a search starts.
        String last = ScaleFleet.id(endpoints - 1).value();
        ApiReads.Timed byId = reads.time(BY_ID + last, warmups / 2, 30, budget);
        check(byId.rows() == 1 && last.equals(byId.last().path("endpoints").path(0).path("id").asText()),
                "id prefix", byId);
        timed.add(byId);
        ApiReads.Timed searched = reads.time("search=" + last, warmups / 2, 10, budget);
        check(searched.rows() <= 1 && everyRow(searched, "id", last), "search by id", searched);
        timed.add(searched);
        return timed;
    }

    private static boolean everyRow(ApiReads.Timed page, String field, String value) {
        for (var row : page.last().path("endpoints")) {
            if (!value.equals(row.path(field).asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean everyRowLabelled(ApiReads.Timed page) {
        String[] label = ScaleFleet.LABEL_FILTER.split(":");
        for (var row : page.last().path("endpoints")) {
            if (!label[1].equals(row.path("labels").path(label[0]).asText())) {
                return false;
            }
        }
        return true;
    }

    private static void check(boolean holds, String what, ApiReads.Timed page) {
        if (!holds) {
            throw new IllegalStateException("the API's " + what + " (?" + page.query() + ") answered " + page.rows()
                    + " rows of a fleet of " + page.total() + " that do not match it");
        }
    }

    /** Endpoints {@code from} to {@code to} (exclusive), several batch writers at once. */
    private static void seedRegistry(DynamoDbEndpointRegistry registry, int from, int to) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(SEED_WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>();
            int chunk = 500;
            for (int start = from; start < to; start += chunk) {
                List<Endpoint> endpoints = new ArrayList<>();
                for (int n = start; n < Math.min(to, start + chunk); n++) {
                    endpoints.add(ScaleFleet.endpoint(n));
                }
                writes.add(writers.submit(() -> registry.putAll(endpoints)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static dev.mcpulse.aws.AwsClientSettings sqsSettings(SQSRestServer elasticMq) {
        SqsClientConfiguration configuration = new SqsClientConfiguration();
        configuration.setEndpoint(URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort()));
        return configuration.clientSettings();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
