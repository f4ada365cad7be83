package dev.mcpulse.bench.cost;

import dev.mcpulse.storage.dynamodb.DynamoDbItemSize;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.CorePinning;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.JavaProcess;
import dev.mcpulse.bench.api.BenchClasspath;
import dev.mcpulse.bench.cold.SamFunction;
import dev.mcpulse.bench.fanout.FleetMix;
import dev.mcpulse.bench.fleet.FleetServers;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One cost run: a steady fleet on the fleet's loopback MCP servers (of every {@value #FAILING_EVERY} endpoints one a
 * black hole that times out, the rest healthy), registered in DynamoDB Local; ElasticMQ as the probe queue; and
 * {@link CostFunctionsMain} in a JVM of its own, on one core as a Lambda function of the template's memory has it,
 * with the template's JVM flags. DynamoDB Local and the MCP servers run on the other core. Afterwards the table's
 * items are read back, for what the fleet keeps stored.
 */
final class CostRun {

    /** One endpoint in this many fails (a black hole, in back-off once it has failed enough). */
    static final int FAILING_EVERY = 20;
    static final String ID_PREFIX = "cost-";
    private static final String MCPULSE_CORE = "0";
    private static final String OTHER_CORE = "1";
    private static final String INTERCEPTORS = "software/amazon/awssdk/global/handlers/execution.interceptors";

    /**
     * {@code historyCycles}: cycles run after the steady ones and not tabulated, so that the table holds as many
     * cycles of checks as a sparkline's history reads (its {@code history} checks and one more cycle) when the
     * dashboard's requests are measured, as on a deployment that has run for hours.
     */
    record Result(int endpoints, int warmupCycles, int steadyCycles, int historyCycles,
                  Map<String, PhaseFigures> phases, Map<String, PhaseFigures.Sizes> stored, SamFunction scheduler, SamFunction probe, SamFunction api,
                  List<String> jvmOptions, int probeMaxConcurrency, int jitterSeconds) {
    }

    private CostRun() {
    }

    static Result run(BenchEnv env, int endpoints, int warmupCycles, int steadyCycles, int apiRepeats,
                      Map<String, String> dashboard) throws Exception {
        String template = Files.readString(env.root().resolve("sam-template.yaml"));
        int historyCycles = Math.max(0, Integer.parseInt(dashboard.get("history")) + 1 - warmupCycles - steadyCycles);
        int cycles = warmupCycles + steadyCycles + historyCycles;
        SamFunction scheduler = SamFunction.read(template, "SchedulerFunction", ref -> "cost-run");
        SamFunction probe = SamFunction.read(template, "ProbeFunction", ref -> "cost-run");
        SamFunction api = SamFunction.read(template, "ApiFunction", ref -> "cost-run");
        int probeMaxConcurrency = TemplateDefaults.parameter(template, "ProbeMaxConcurrency");
        // The run sends its shards at once (one after the other on one core); the model applies the template's window.
        int jitterSeconds = TemplateDefaults.parameter(template, "JitterSeconds");
        List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx1g", "-XX:ActiveProcessorCount=1"));
        jvmOptions.addAll(Arrays.asList(probe.environment().getOrDefault("JAVA_TOOL_OPTIONS", "").trim().split("\\s+")));
        jvmOptions.removeIf(String::isBlank);

        FleetServers fleet = env.fleet();
        Path hooks = env.scratch().resolve("cost-sdk-hooks");
        Files.createDirectories(hooks.resolve(INTERCEPTORS).getParent());
        Files.writeString(hooks.resolve(INTERCEPTORS), AwsCallMeter.class.getName() + "\n");
        Path out = env.scratch().resolve("cost-figures.json");
        Files.deleteIfExists(out);

        CorePinning.pin(fleet.pid(), OTHER_CORE);
        SQSRestServer elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        try (DynamoDbLocalProcess dynamoDb = DynamoDbLocalProcess.start(env.scratch(), "cost-dynamodb")) {
            CorePinning.pin(dynamoDb.pid(), OTHER_CORE);
            List<Endpoint> fleetEntries = endpoints(endpoints, fleet);
            try (DynamoDbClient client = dynamoDb.client()) {
                new DynamoDbEndpointRegistry(client, DynamoDbLocalProcess.TABLE).putAll(fleetEntries);
            }
            URI sqsEndpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
            String queueUrl;
            try (SqsClient sqs = sqsClient(sqsEndpoint)) {
                queueUrl = sqs.createQueue(q -> q.queueName("mcpulse-probe").attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(6 * probe.timeoutSeconds())))).queueUrl();
            }
            Map<String, String> args = new LinkedHashMap<>();
            args.put("dynamodb", dynamoDb.endpoint().toString());
            args.put("table", DynamoDbLocalProcess.TABLE);
            args.put("sqsEndpoint", sqsEndpoint.toString());
            args.put("queueUrl", queueUrl);
            args.put("shardSize", probe.environment().get("MCPULSE_SHARD_SIZE"));
            args.put("intervalSeconds", probe.environment().get("MCPULSE_PROBE_INTERVAL_SECONDS"));
            args.put("cycles", String.valueOf(cycles));
            args.put("apiRepeats", String.valueOf(apiRepeats));
            args.put("pageSize", dashboard.get("PAGE_SIZE"));
            args.put("history", dashboard.get("history"));
            args.put("detailId", id(1));
            args.put("out", out.toString());
            args.put("log", env.scratch().resolve("cost-functions-stdout.log").toString());
            for (SamFunction function : List.of(scheduler, probe, api)) {
                String name = function.logicalId().replace("Function", "").toLowerCase(java.util.Locale.ROOT);
                args.put(name + "MemoryMb", String.valueOf(function.memoryMb()));
                args.put(name + "TimeoutSeconds", String.valueOf(function.timeoutSeconds()));
            }
            List<String> command = new ArrayList<>(CorePinning.launcher(MCPULSE_CORE));
            command.add(JavaProcess.javaExecutable());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", hooks + File.pathSeparator + BenchClasspath.without("mcpulse-local"),
                    CostFunctionsMain.class.getName()));
            args.forEach((key, value) -> command.add(key + "=" + value));
            try (JavaProcess functions = JavaProcess.startCommand("cost-functions", command,
                    env.scratch().resolve("cost-functions.log"))) {
                functions.awaitLine(CostFunctionsMain.DONE::equals,
                        Duration.ofSeconds(120 + 90L * cycles));
            }
            Map<String, PhaseFigures> phases = read(out);
            Map<String, PhaseFigures.Sizes> stored;
            try (DynamoDbClient client = dynamoDb.client()) {
                stored = stored(client);
            }
            return new Result(endpoints, warmupCycles, steadyCycles, historyCycles, phases, stored, scheduler, probe, api,
                    jvmOptions, probeMaxConcurrency, jitterSeconds);
        } finally {
            elasticMq.stopAndWait();
            CorePinning.pin(fleet.pid(), CorePinning.allCores());
        }
    }

    static String id(int index) {
        return ID_PREFIX + "%06d".formatted(index);
    }

    static boolean failing(String id) {
        return Integer.parseInt(id.substring(ID_PREFIX.length())) % FAILING_EVERY == 0;
    }

    /** The fleet, validated as the API would (local URL policy); black holes with the benchmarks' usual deadline. */
    private static List<Endpoint> endpoints(int size, FleetServers fleet) {
        EndpointParser parser = new EndpointParser(UrlPolicy.local());
        List<Endpoint> endpoints = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id(i));
            entry.put("name", "Cost run endpoint " + i);
            entry.put("labels", Map.of("team", "team-" + (i % 7), "env", i % 3 == 0 ? "staging" : "prod"));
            boolean failing = failing(id(i));
            entry.put("url", (failing ? fleet.blackhole(i) : fleet.healthy(i)).toString());
            if (failing) {
                entry.put("timeoutMs", FleetMix.DEADLINE.toMillis());
            }
            endpoints.add(switch (parser.parse(entry)) {
                case EndpointParser.Result.Valid valid -> valid.endpoint();
                case EndpointParser.Result.Invalid invalid ->
                        throw new IllegalStateException("cost endpoint " + entry + " is invalid: " + invalid.errors());
            });
        }
        return endpoints;
    }

    private static Map<String, PhaseFigures> read(Path out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode phases = json.readTree(out.toFile()).path("phases");
        Map<String, PhaseFigures> figures = new LinkedHashMap<>();
        phases.fields().forEachRemaining(e -> {
            try {
                figures.put(e.getKey(), json.treeToValue(e.getValue(), PhaseFigures.class));
            } catch (Exception ex) {
                throw new IllegalStateException("cannot read the figures of " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        });
        return figures;
    }

    /** What the table holds at the end, by kind: counts and sizes as DynamoDB bills storage (plus 100 bytes an item). */
    private static Map<String, PhaseFigures.Sizes> stored(DynamoDbClient client) {
        Map<String, PhaseFigures.Sizes> stored = new TreeMap<>();
        for (Map<String, AttributeValue> item : client.scanPaginator(s -> s.tableName(DynamoDbLocalProcess.TABLE)).items()) {
            long size = DynamoDbItemSize.bytes(item);
            stored.merge(AwsCallMeter.kind(item), new PhaseFigures.Sizes(1, size, size,
                    item.containsKey("expiresAt") ? 1 : 0, 0), PhaseFigures.Sizes::plus);
        }
        return stored;
    }

    private static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
