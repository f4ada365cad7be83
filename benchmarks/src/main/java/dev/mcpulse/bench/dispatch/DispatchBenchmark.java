package dev.mcpulse.bench.dispatch;

import dev.mcpulse.aws.AwsClientSettings;
import dev.mcpulse.aws.AwsClients;
import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.Stats;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.memory.InMemoryCycleLog;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.scheduler.SqsClientConfiguration;
import dev.mcpulse.scheduler.SqsProbeDispatcher;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * B7, the fan-out's hand-over: one scheduler cycle of 4,000 shards (100,000 endpoints in shards of 25, a 60 s jitter
 * window) dispatched by the real {@link Scheduler} at its deployed parallelism, once through the probe queue
 * ({@link SqsProbeDispatcher}, SendMessageBatch of ten, to ElasticMQ in this JVM) and once as the scheduler did before
 * (one asynchronous Lambda Invoke per shard, to a loopback stand-in of the Invoke API), alternating, several times.
 * The registry is in memory, so the cycle's time is the dispatch's. Reported: each path's median, and the ratio of the
 * two from the same run.
 */
public final class DispatchBenchmark implements Benchmark {

    static final int SHARD_SIZE = 25;
    static final int SHARDS = 4_000;
    static final int QUICK_SHARDS = 400;
    static final int RUNS = 5;
    static final int QUICK_RUNS = 2;
    static final Duration JITTER = Duration.ofSeconds(60);
    /** The scheduler function's timeout (sam-template.yaml, SchedulerSizingTest); the target is 10 % of it. */
    static final Duration SCHEDULER_TIMEOUT = dev.mcpulse.bench.scale.ScaleBenchmark.SCHEDULER_TIMEOUT;

    @Override
    public String id() {
        return "B7";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        int shards = env.options().quick() ? QUICK_SHARDS : SHARDS;
        int runs = env.options().quick() ? QUICK_RUNS : RUNS;
        InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
        for (int i = 0; i < shards * SHARD_SIZE; i++) {
            registry.put(endpoint(i));
        }
        JsonMapper json = JsonMapper.createDefault();
        SQSRestServer elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        URI sqsEndpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        SqsClientConfiguration sqsConfiguration = new SqsClientConfiguration();
        sqsConfiguration.setEndpoint(sqsEndpoint);
        List<Double> sqsMillis = new ArrayList<>();
        List<Double> lambdaMillis = new ArrayList<>();
        int[] extra = new int[2]; // deliveries beyond one per shard (an attempt retried by the SDK): SQS, Lambda
        try (LambdaInvokeStandIn lambdaStandIn = new LambdaInvokeStandIn();
             SqsClient sqs = AwsClients.build(SqsClient.builder(), sqsConfiguration.clientSettings());
             LambdaClient lambda = AwsClients.build(LambdaClient.builder(), lambdaSettings(lambdaStandIn.endpoint()))) {
            ProbeDispatcher invokes = new LambdaAsyncDispatcher(lambda, json);
            // A warm-up cycle of each (class loading, connections, JIT), not counted; then the runs, alternating.
            for (int run = -1; run < runs; run++) {
                String queue = sqs.createQueue(q -> q.queueName("bench-probe-" + System.nanoTime())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "360"))).queueUrl();
                ProbeDispatcher messages = new SqsProbeDispatcher(sqs, json, queue);
                IntSupplier queued = () -> visibleAndDelayed(sqs, queue);
                lambdaStandIn.reset();
                boolean sqsFirst = run % 2 == 0;
                Cycle viaSqs = null;
                if (sqsFirst) {
                    viaSqs = cycle(registry, messages, shards, queued);
                }
                Cycle viaLambda = cycle(registry, invokes, shards, lambdaStandIn::invocations);
                if (!sqsFirst) {
                    viaSqs = cycle(registry, messages, shards, queued);
                }
                sqs.deleteQueue(d -> d.queueUrl(queue));
                if (run >= 0) {
                    sqsMillis.add(viaSqs.millis());
                    lambdaMillis.add(viaLambda.millis());
                    extra[0] += viaSqs.extraDeliveries();
                    extra[1] += viaLambda.extraDeliveries();
                }
            }
        } finally {
            elasticMq.stopAndWait();
        }
        return section(shards, runs, Stats.of(sqsMillis), Stats.of(lambdaMillis), extra);
    }

    /** One cycle's wall time, and how many shards arrived more than once. */
    record Cycle(double millis, int extraDeliveries) {
    }

    /**
     * One cycle, checked to have handed every shard over. At least once: an attempt that timed out on the client may
     * have arrived all the same, and the SDK's retry delivers it again (harmless: a snapshot is stored only if newer).
     */
    private static Cycle cycle(InMemoryEndpointRegistry registry, ProbeDispatcher dispatcher, int shards,
                                IntSupplier arrived) {
        Scheduler scheduler = new Scheduler(registry, new InMemorySnapshotStore(), dispatcher, new InMemoryCycleLog(),
                Clock.systemUTC(), new Scheduler.Settings(Duration.ofMinutes(5), SHARD_SIZE, JITTER));
        long started = System.nanoTime();
        CycleRecord cycle = scheduler.runCycle();
        double millis = (System.nanoTime() - started) / 1e6;
        int delivered = arrived.getAsInt();
        if (cycle.shardsDispatched() != shards || delivered < shards) {
            throw new IllegalStateException("dispatched " + cycle.shardsDispatched() + ", arrived " + delivered
                    + " of " + shards + " shards");
        }
        return new Cycle(millis, delivered - shards);
    }

    private Section section(int shards, int runs, Stats sqs, Stats lambda, int[] extra) {
        double timeoutMs = SCHEDULER_TIMEOUT.toMillis();
        Section section = new Section(id(), "fan-out of " + String.format(Locale.ROOT, "%,d", shards)
                + " shards: SQS batches vs asynchronous Lambda invokes")
                .header("path", "calls per cycle", "median ms", "min ms", "max ms", "shards/s (median)",
                        "share of the scheduler's " + SCHEDULER_TIMEOUT.toSeconds() + " s timeout",
                        "shards delivered twice (all runs)");
        section.row("SQS SendMessageBatch (10 per call) → ElasticMQ", (shards + 9) / 10, fmt(sqs.median()),
                fmt(sqs.min()), fmt(sqs.max()), fmt(shards / (sqs.median() / 1000)),
                fmt(100 * sqs.median() / timeoutMs) + " %", extra[0]);
        section.row("baseline: Lambda Invoke (Event) per shard → loopback stand-in", shards, fmt(lambda.median()),
                fmt(lambda.min()), fmt(lambda.max()), fmt(shards / (lambda.median() / 1000)),
                fmt(100 * lambda.median() / timeoutMs) + " %", extra[1]);
        double ratio = sqs.median() / lambda.median();
        section.row("ratio SQS / Lambda (medians, same run)", "", String.format(Locale.ROOT, "%.2f", ratio), "", "", "",
                "", "");
        section.headline("SQS dispatch of " + shards + " shards, share of the scheduler's timeout",
                100 * sqs.median() / timeoutMs, "%", 10, true);
        section.headline("SQS / Lambda async dispatch time (same run)", ratio, "×", 1, true);
        section.note(runs + " cycles per path after one warm-up cycle of each, alternating which path goes first; "
                + "the real Scheduler (" + Scheduler.Settings.DEFAULT_DISPATCH_PARALLELISM + " hand-overs at once, "
                + "platform threads), shards of " + SHARD_SIZE + ", a " + JITTER.toSeconds() + " s jitter window "
                + "(SQS: each message's DelaySeconds); the registry in memory, so the cycle is the dispatch. Both "
                + "servers run in the benchmark's JVM on loopback; each run is checked to have delivered every shard "
                + "(ElasticMQ's visible + delayed counts, the stand-in's invocation count).");
        section.note("A shard delivered twice: an attempt the client gave up on (5 s attempt timeout on a loaded "
                + "machine) had arrived all the same, and the SDK's retry sent it again; harmless (a snapshot is stored "
                + "only if newer), and counted here rather than hidden.");
        section.note("Loopback has no network latency: on AWS each call costs a round trip of milliseconds, so the "
                + "ten-fold fewer calls of the SQS path count for more there than here.");
        return section;
    }

    /**
     * Messages visible and still delayed, read in one call: read apart, a message whose delay ends between the two reads
     * would be in neither count.
     */
    private static int visibleAndDelayed(SqsClient sqs, String queue) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(a -> a.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    /** The settings the scheduler's Lambda client had (mcpulse.lambda.*, as the SQS client's now). */
    private static AwsClientSettings lambdaSettings(URI endpoint) {
        return new AwsClientSettings("bench.lambda", Optional.of(endpoint), Optional.empty(), 3, Duration.ofMillis(50),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static Endpoint endpoint(int i) {
        return new Endpoint(new EndpointId(String.format(Locale.ROOT, "ep-%06d", i)), "EP " + i, Map.of(),
                URI.create("https://ep" + i + ".example.com/mcp"), Transport.AUTO, new AuthRef.None(),
                Duration.ofSeconds(10), Optional.empty(), true);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }
}
