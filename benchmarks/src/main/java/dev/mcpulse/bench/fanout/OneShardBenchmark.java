package dev.mcpulse.bench.fanout;

import static dev.mcpulse.bench.Report.number;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.CorePinning;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.Section;
import dev.mcpulse.bench.Stats;
import dev.mcpulse.bench.fleet.FleetServers;
import dev.mcpulse.bench.probefn.ProbeFunctionProcess;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * B1a: one shard as on Lambda. The probe function's jar in a JVM with one core — pinned to core 0 with taskset and
 * told so ({@code -XX:ActiveProcessorCount=1}), with the template's flags — runs one shard of 25, 100 or 250
 * endpoints (B1's mix: 5 % black holes, 5 % answering 401), while DynamoDB Local and the MCP servers run on the other
 * core. Each shard is checked in DynamoDB: every snapshot right comes first; then its wall time against the probe
 * deadline, which a shard should not exceed by more than 30 %. Warm, the same endpoints run again all in one shard:
 * as the container's second shard, then three more (its steady state, which the target is held to), and last as a
 * scheduler cycle shards them (the black holes, known by then, set apart in a shard of their own).
 */
public final class OneShardBenchmark implements Benchmark {

    private static final double TARGET_WALL_PER_DEADLINE = 1.3;
    private static final String MCPULSE_CORE = "0";
    private static final String OTHER_CORE = "1";

    @Override
    public String id() {
        return "B1a";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            throw new IllegalStateException("B1a needs two cores: one for the shard, one for what it talks to");
        }
        FleetServers fleet = env.fleet();
        Section section = new Section(id(), "one shard on one core, as on Lambda").header("shard size", "run",
                "snapshots right", "wall s", "wall / deadline", "mcpulse CPU s", "CPU ms per endpoint");
        CorePinning.pin(fleet.pid(), OTHER_CORE);
        try {
            for (int size : env.options().quick() ? List.of(25, 100) : List.of(25, 100, 250)) {
                double largestPlanned = 0;
                boolean plannedRight = true;
                List<Double> steady = new ArrayList<>();
                boolean steadyRight = true;
                for (Run run : measure(env, fleet, size)) {
                    double perDeadline = run.wallSeconds() / seconds(FleetMix.DEADLINE);
                    section.row(run.endpoints(), run.label(), run.check().text(), number(run.wallSeconds()),
                            number(perDeadline), number(run.cpuSeconds()), number(1000 * run.cpuSeconds() / run.endpoints()));
                    if (run.label().startsWith(STEADY_ONE_SHARD)) {
                        steady.add(perDeadline);
                        steadyRight &= run.check().allRight();
                    } else if (run.label().startsWith(WARM_PLANNED)) {
                        largestPlanned = Math.max(largestPlanned, perDeadline);
                        plannedRight &= run.check().allRight();
                    }
                }
                section.headline("shard wall / deadline, " + size + " endpoints, warm, one core, all in one shard "
                                + "(median of the " + STEADY_SHARDS + " shards after the container's second)",
                        steadyRight ? Stats.of(steady).median() : Double.POSITIVE_INFINITY, "×", TARGET_WALL_PER_DEADLINE, true);
                section.headline("largest shard wall / deadline, " + size + " endpoints, warm, one core, as the "
                                + "scheduler shards them", plannedRight ? largestPlanned : Double.POSITIVE_INFINITY, "×",
                        TARGET_WALL_PER_DEADLINE, true);
            }
        } finally {
            CorePinning.pin(fleet.pid(), CorePinning.allCores());
        }
        section.note("Deadline " + FleetMix.DEADLINE.toMillis() + " ms per probe. mcpulse: " + String.join(" ", jvmOptions())
                + " " + shardSizeFlag("<shard size>") + " under `taskset -c " + MCPULSE_CORE + "`; DynamoDB Local and the fleet's servers moved to core "
                + OTHER_CORE + ". The cold run is the JVM's first shard (as a new Lambda container's, without SnapStart's "
                + "restored heap), the warm ones the next shards, each an interval later in the same JVM. A row whose "
                + "snapshots are not all right is a failure (its headline shows ∞), not a figure.");
        section.note("The warm runs. \"" + WARM_SECOND + "\" and \"" + STEADY_ONE_SHARD + "\": every endpoint in one "
                + "shard, as the first (cold) run, though the black holes' last check has timed out by then. The "
                + "container's second shard still pays for compiling what the first ran (C1, on the shard's one core); "
                + "by the third a container's CPU per shard has fallen to what most of its shards cost, since a Lambda "
                + "container lives for many five-minute cycles. The target is held to the median of the "
                + STEADY_SHARDS + " shards after the second; the second's row is there to show what it costs. \""
                + WARM_PLANNED + "\" (an interval later "
                + "again): what a scheduler cycle sends for the same endpoints with the shard size set to theirs "
                + "(`Scheduler#shard`: the endpoints whose last check timed out go apart, in shards of their own, so "
                + "that no healthy shard waits out a black hole's deadline), each shard then run as its own invocation "
                + "would be, one after the other in this JVM; its rows give each shard's size. On AWS each is an "
                + "invocation in a container of its own. The snapshots-right figure of those rows is the whole cycle's.");
        return section;
    }

    static final String WARM_SECOND = "warm, all in one shard, the container's second";
    static final String STEADY_ONE_SHARD = "steady, all in one shard";
    /** The warm shards after the second that the target is held to (their median). */
    static final int STEADY_SHARDS = 3;
    static final String WARM_PLANNED = "warm, the scheduler's shards";

    record Run(String label, int endpoints, double wallSeconds, double cpuSeconds, SnapshotCheck check) {
    }

    private static List<Run> measure(BenchEnv env, FleetServers fleet, int size) throws Exception {
        List<Endpoint> endpoints = FleetMix.endpoints(size, fleet);
        Path secrets = Files.writeString(env.scratch().resolve("b1a-secrets.yaml"),
                FleetMix.WRONG_TOKEN_SECRET + ": not-the-fleet-token\n");
        try (DynamoDbLocalProcess dynamoDb = DynamoDbLocalProcess.start(env.scratch(), "b1a-dynamodb-" + size)) {
            CorePinning.pin(dynamoDb.pid(), OTHER_CORE);
            try (DynamoDbClient client = dynamoDb.client()) {
                new DynamoDbEndpointRegistry(client, DynamoDbLocalProcess.TABLE).putAll(endpoints);
            }
            try (ProbeFunctionProcess mcpulse = ProbeFunctionProcess.start(env, "b1a-mcpulse-" + size,
                    CorePinning.launcher(MCPULSE_CORE), withShardSize(size), dynamoDb, secrets)) {
                List<Run> runs = new ArrayList<>();
                runs.add(shard("cold", endpoints, mcpulse, dynamoDb));
                mcpulse.command("advance", Duration.ofSeconds(10));
                runs.add(shard(WARM_SECOND, endpoints, mcpulse, dynamoDb));
                for (int k = 1; k <= STEADY_SHARDS; k++) {
                    mcpulse.command("advance", Duration.ofSeconds(10));
                    runs.add(shard(STEADY_ONE_SHARD + " (" + k + " of " + STEADY_SHARDS + ")", endpoints, mcpulse,
                            dynamoDb));
                }
                mcpulse.command("advance", Duration.ofSeconds(10));
                runs.addAll(planned(endpoints, mcpulse, dynamoDb));
                return runs;
            }
        }
    }

    private static Run shard(String label, List<Endpoint> endpoints, ProbeFunctionProcess mcpulse,
                             DynamoDbLocalProcess dynamoDb) throws InterruptedException {
        double cpuBefore = ProcessUsage.cpuSeconds(mcpulse.pid());
        Map<String, String> answer = mcpulse.command("shard", Duration.ofSeconds(60).plusMillis(100L * endpoints.size()));
        double cpu = ProcessUsage.cpuSeconds(mcpulse.pid()) - cpuBefore;
        SnapshotCheck check = SnapshotCheck.of(endpoints, dynamoDb, Instant.parse(answer.get("startedAt")));
        return new Run(label, endpoints.size(), Long.parseLong(answer.get("wallNanos")) / 1e9, cpu, check);
    }

    /** The scheduler's shards of the registry, run one after the other; each a row, all checked as one cycle. */
    private static List<Run> planned(List<Endpoint> endpoints, ProbeFunctionProcess mcpulse, DynamoDbLocalProcess dynamoDb)
            throws InterruptedException {
        Map<String, String> answer = mcpulse.command("planned", Duration.ofSeconds(120).plusMillis(100L * endpoints.size()));
        SnapshotCheck check = SnapshotCheck.of(endpoints, dynamoDb, Instant.parse(answer.get("startedAt")));
        String[] shards = answer.get("shards").split(",");
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < shards.length; k++) {
            String[] shard = shards[k].split(":"); // size:wallNanos:cpuNanos:apart
            runs.add(new Run(WARM_PLANNED + " (" + (k + 1) + " of " + shards.length
                    + (Boolean.parseBoolean(shard[3]) ? ", set apart: their last check timed out" : "") + ")",
                    Integer.parseInt(shard[0]), Long.parseLong(shard[1]) / 1e9, Long.parseLong(shard[2]) / 1e9, check));
        }
        return runs;
    }

    /** A Lambda function's JVM (FanOutMeasurement's flags) that knows it has one core. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(FanOutMeasurement.JVM_OPTIONS);
        options.add("-XX:ActiveProcessorCount=1");
        return options;
    }

    /** Those flags, and the scheduler's shard size for the planned run. */
    private static List<String> withShardSize(int size) {
        List<String> options = jvmOptions();
        options.add(shardSizeFlag(Integer.toString(size)));
        return options;
    }

    private static String shardSizeFlag(String size) {
        return "-Dmcpulse.shard.size=" + size;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
