package dev.mcpulse.bench.cold;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.JavaProcess;
import dev.mcpulse.bench.cold.ColdStartSubject.Kind;
import dev.mcpulse.bench.cold.baseline.PlainApiHandler;
import dev.mcpulse.bench.cold.baseline.PlainProbeHandler;
import dev.mcpulse.bench.cold.baseline.PlainSchedulerHandler;
import dev.mcpulse.bench.cold.harness.LambdaHarness;
import dev.mcpulse.bench.fleet.FleetServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything B5's runs share: DynamoDB Local with the fixtures, the AWS stand-ins, and the six subjects (each
 * function as mcpulse ships it and as a plain handler), and one way to start a subject cold and check its run.
 * Used by the benchmark and by {@link ColdStartProfiler}.
 */
final class ColdStartLab implements AutoCloseable {

    static final List<String> FUNCTIONS = List.of("scheduler", "probe", "api");
    /**
     * What the plain handlers use, and nothing else: the SDK's core modules and the URL-connection client, the
     * service modules each one calls, the Lambda core interfaces, and the event classes where the event is typed.
     */
    static final List<String> SDK_CORE = List.of("annotations", "utils", "utils-lite", "sdk-core", "aws-core", "auth", "regions",
            "http-client-spi", "protocol-core", "aws-json-protocol", "third-party-jackson-core", "json-utils", "profiles",
            "retries", "retries-spi", "metrics-spi", "endpoints-spi", "http-auth", "http-auth-aws", "http-auth-spi",
            "identity-spi", "checksums", "checksums-spi", "http-auth-aws-eventstream", "eventstream",
            "url-connection-client", "reactive-streams", "slf4j-api");
    static final Map<String, List<String>> PLAIN_EXTRAS = Map.of(
            "scheduler", List.of("dynamodb", "sqs", "aws-lambda-java-events", "joda-time"),
            "probe", List.of("dynamodb", "eventbridge", "aws-lambda-java-events", "joda-time"),
            "api", List.of("dynamodb", "aws-lambda-java-events", "joda-time"));
    private static final Duration HANDLED_WITHIN = Duration.ofSeconds(90);
    /** A training run writes its cache at exit; creating an AOT cache takes a second JVM and some seconds. */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(180);

    /**
     * How the JVM starts: the runtime's flags alone with C1 only or with full tiered compilation (the function's
     * JAVA_TOOL_OPTIONS set to level 1 or 4), or with a cache trained by one earlier run (and the template's JIT).
     */
    enum Mode {
        C1("runtime flags, C1 only", 1), TIERED("runtime flags, full tiered", 4),
        AOT("+ JDK AOT cache", 0), CDS("+ AppCDS archive", 0),
        PRIMED("after SnapStart-like priming: the first event alone, same JVM, no restore", 0);

        final String label;
        /** The TieredStopAtLevel this mode sets, or 0: the template's. */
        final int tieredStopAtLevel;

        Mode(String label, int tieredStopAtLevel) {
            this.label = label;
            this.tieredStopAtLevel = tieredStopAtLevel;
        }

        boolean trained() {
            return this == AOT || this == CDS;
        }

        /** Initialized as for a SnapStart snapshot, primed by the function's hook, then timed from there. */
        boolean primed() {
            return this == PRIMED;
        }
    }

    /**
     * One run: milliseconds from process start to the handled event, the CPU milliseconds the process had used by
     * then (all its threads), and the classes the JVM had loaded.
     */
    record Launch(long millis, long cpuMillis, long classes) {
    }

    private final Path caches;
    private final Path logs;
    private final DynamoDbLocalProcess dynamo;
    private final AwsStandIn aws;
    private final List<ColdStartSubject> subjects = new ArrayList<>();
    private final Map<String, SamFunction> functions = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    private ColdStartLab(Path caches, Path logs, DynamoDbLocalProcess dynamo, AwsStandIn aws) {
        this.caches = caches;
        this.logs = logs;
        this.dynamo = dynamo;
        this.aws = aws;
    }

    /** Starts DynamoDB Local and the stand-ins, seeds the data, and builds the subjects; {@code dir} is emptied first. */
    static ColdStartLab start(Path root, Path dir, FleetServers fleet) throws IOException, InterruptedException {
        Path logs = recreate(dir.resolve("logs"));
        DynamoDbLocalProcess dynamo = DynamoDbLocalProcess.start(logs, "cold-dynamodb");
        ColdStartLab lab = null;
        try {
            lab = new ColdStartLab(recreate(dir.resolve("caches")), logs, dynamo, new AwsStandIn());
            lab.prepare(root, dir, recreate(dir.resolve("events")), fleet);
            return lab;
        } catch (IOException | RuntimeException e) {
            if (lab != null) {
                lab.close();
            } else {
                dynamo.close();
            }
            throw e;
        }
    }

    List<ColdStartSubject> subjects() {
        return List.copyOf(subjects);
    }

    Map<String, SamFunction> functions() {
        return Map.copyOf(functions);
    }

    private void prepare(Path root, Path dir, Path events, FleetServers fleet) throws IOException {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(dynamo.endpoint())
                .region(Region.US_EAST_1)
                // DynamoDB Local keeps a namespace per access key and region: seed the one mcpulse's client uses.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        ColdStartFixtures fixtures = new ColdStartFixtures(client, fleet, root, events);
        fixtures.seed();

        Path benchTarget = root.resolve("benchmarks/target");
        Path lib = benchTarget.resolve("lib");
        List<Path> runtime = List.of(jar(lib, "aws-lambda-java-core"), jar(lib, "aws-lambda-java-serialization"),
                classifiedJar(benchTarget, "cold-harness"));
        Path baselineJar = classifiedJar(benchTarget, "cold-baseline");
        // Each subject's task root: what Lambda extracts its deployment package into (/var/task).
        Path tasks = recreate(dir.resolve("task"));
        String template = Files.readString(root.resolve("sam-template.yaml"));
        Map<String, String> overrides = Map.of(
                "MCPULSE_STORAGE_DYNAMODB_ENDPOINT", dynamo.endpoint().toString(),
                "MCPULSE_SQS_ENDPOINT", aws.endpoint().toString(),
                "MCPULSE_EVENTBRIDGE_ENDPOINT", aws.endpoint().toString());
        // A fresh random token each run: the fleet's healthy servers do not check it, but it goes over the wire.
        // Local mode: the fleet is on loopback, which the probe's guarded resolver refuses otherwise.
        Map<String, String> probeSecrets = Map.of(
                "MCPULSE_LOCAL_MODE", "true",
                "MCPULSE_SECRETS_SOURCE", "local",
                "MCPULSE_SECRET_" + ColdStartFixtures.SECRET_ID.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                UUID.randomUUID().toString());

        for (String function : FUNCTIONS) {
            String table = switch (function) {
                case "scheduler" -> ColdStartFixtures.SCHEDULER_TABLE;
                case "probe" -> ColdStartFixtures.PROBE_TABLE;
                default -> ColdStartFixtures.API_TABLE;
            };
            String logicalId = Character.toUpperCase(function.charAt(0)) + function.substring(1) + "Function";
            SamFunction sam = SamFunction.read(template, logicalId, ref -> switch (ref) {
                case "Table" -> table;
                case "ProbeQueue" -> "https://sqs.us-east-1.amazonaws.com/000000000000/mcpulse-probe";
                default -> null;
            });
            functions.put(function, sam);

            Map<String, String> environment = new LinkedHashMap<>(LambdaJavaRuntime.environment(
                    "mcpulse-" + function, sam.memoryMb(), sam.handler(), dir.toString()));
            environment.putAll(sam.environment());
            environment.putAll(overrides);
            if (function.equals("probe")) {
                environment.putAll(probeSecrets);
            }
            ColdStartSubject.EventSource event = switch (function) {
                case "scheduler" -> fixtures::schedulerEvent;
                case "probe" -> fixtures::probeEvent;
                default -> fixtures::apiEvent;
            };
            List<Path> mcpulsePackage = List.of(root.resolve(sam.codeUri()));
            List<Path> plainPackage = new ArrayList<>();
            plainPackage.add(baselineJar);
            Stream.concat(SDK_CORE.stream(), PLAIN_EXTRAS.get(function).stream())
                    .map(artifact -> jar(lib, artifact)).forEach(plainPackage::add);
            String plainHandler = switch (function) {
                case "scheduler" -> PlainSchedulerHandler.class.getName();
                case "probe" -> PlainProbeHandler.class.getName();
                default -> PlainApiHandler.class.getName();
            };
            Path mcpulseTask = tasks.resolve(function + "-mcpulse");
            DeploymentPackage.unpack(mcpulsePackage.getFirst(), mcpulseTask);
            Path plainTask = tasks.resolve(function + "-plain");
            DeploymentPackage.intoLib(plainPackage, plainTask);
            subjects.add(new ColdStartSubject(function, Kind.MCPULSE, sam.handler(), runtime, mcpulsePackage,
                    mcpulseTask, environment, sam.memoryMb(), sam.timeoutSeconds(), event, check(function)));
            subjects.add(new ColdStartSubject(function, Kind.PLAIN, plainHandler, runtime, plainPackage, plainTask,
                    environment, sam.memoryMb(), sam.timeoutSeconds(), event, check(function)));
        }
    }

    /**
     * One fresh JVM: the harness hands the function one event; timed from process start to the HANDLED line.
     * {@code training} (AOT and CDS modes) writes the cache the timed runs of that mode use; training runs may run
     * two at a time, so what reached the AWS stand-ins is checked only for the others. {@code countClasses} asks the
     * harness for the number of classes loaded (after the timed part; it costs a little CPU), else it is -1.
     */
    Launch launch(ColdStartSubject subject, Mode mode, boolean training, boolean countClasses, List<String> extraOptions)
            throws IOException, InterruptedException {
        Path event = subject.events().next();
        Path cache = caches.resolve(subject.name() + (mode == Mode.AOT ? ".aot" : ".jsa"));
        List<String> command = new ArrayList<>();
        command.add(JavaProcess.javaExecutable());
        Map<String, String> environment = new LinkedHashMap<>(subject.environment());
        if (mode.primed()) {
            environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        }
        if (mode.tieredStopAtLevel > 0) {
            environment.put("JAVA_TOOL_OPTIONS", LambdaJavaRuntime.withTieredStopAtLevel(
                    environment.get("JAVA_TOOL_OPTIONS"), mode.tieredStopAtLevel));
        }
        for (String option : LambdaJavaRuntime.jvmOptions(subject.memoryMb(), environment.get("JAVA_TOOL_OPTIONS"))) {
            if (!mode.trained() || !option.startsWith("-Xshare")) {
                command.add(option);
            }
        }
        command.addAll(switch (mode) {
            case C1, TIERED, PRIMED -> List.of();
            case AOT -> training ? List.of("-XX:AOTCacheOutput=" + cache) : List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache);
            case CDS -> training ? List.of("-XX:ArchiveClassesAtExit=" + cache) : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + cache);
        });
        command.addAll(extraOptions);
        if (countClasses) {
            command.add("-D" + LambdaHarness.CLASSES_PROPERTY + "=true");
        }
        if (mode.primed()) {
            command.add("-D" + LambdaHarness.PRIMED_PROPERTY + "=true");
        }
        command.addAll(List.of("-cp", subject.classpathString(), LambdaHarness.class.getName(), subject.handler(),
                event.toString(), Integer.toString(subject.timeoutSeconds()), subject.taskRoot().toString()));
        Path log = log(subject);
        Files.writeString(log, "--- " + mode + (training ? " training" : "") + " run\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        int invocations = aws.invocations();
        int putEvents = aws.putEvents();
        long started = System.nanoTime();
        try (JavaProcess process = JavaProcess.startCommand(subject.name(), command, environment, log)) {
            String line = process.awaitLine(l -> l.startsWith(LambdaHarness.HANDLED) || l.startsWith(LambdaHarness.FAILED),
                    HANDLED_WITHIN);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (line.startsWith(LambdaHarness.FAILED)) {
                throw new IllegalStateException(subject.name() + " (" + mode.label + ") failed: "
                        + line.substring(LambdaHarness.FAILED.length()) + "; see " + log);
            }
            String cpu = process.awaitLine(l -> l.startsWith(LambdaHarness.CPU), Duration.ofSeconds(30));
            // Primed: the first event's own time and CPU, as the harness measured them after the hook.
            String[] primed = mode.primed() ? process.awaitLine(l -> l.startsWith(LambdaHarness.PRIMED), Duration.ofSeconds(30))
                    .substring(LambdaHarness.PRIMED.length()).trim().split(" ") : null;
            String classes = countClasses
                    ? process.awaitLine(l -> l.startsWith(LambdaHarness.CLASSES), Duration.ofSeconds(30))
                    : LambdaHarness.CLASSES + "-1";
            int exit = process.awaitExit(EXIT_WITHIN);
            if (exit != 0) {
                throw new IllegalStateException(subject.name() + " (" + mode.label + ") exited with " + exit + "; see " + log);
            }
            subject.check().verify(json.readTree(line.substring(LambdaHarness.HANDLED.length())),
                    training ? ColdStartSubject.Check.UNCOUNTED : aws.invocations() - invocations,
                    training ? ColdStartSubject.Check.UNCOUNTED : aws.putEvents() - putEvents);
            if (training && !Files.isRegularFile(cache)) {
                throw new IllegalStateException(subject.name() + ": the training run wrote no " + cache + "; see " + log);
            }
            long classCount = Long.parseLong(classes.substring(LambdaHarness.CLASSES.length()).trim());
            if (primed != null) {
                return new Launch(Long.parseLong(primed[0]), Long.parseLong(primed[1]), classCount);
            }
            return new Launch(millis, Long.parseLong(cpu.substring(LambdaHarness.CPU.length()).trim()), classCount);
        }
    }

    Path log(ColdStartSubject subject) {
        return logs.resolve(subject.name() + ".log");
    }

    /** What a run must have done: dispatched the shard, probed and published, listed every endpoint. */
    private static ColdStartSubject.Check check(String function) {
        return switch (function) {
            case "scheduler" -> (result, invocations, putEvents) -> require(
                    result.path("endpointsDue").asInt() == ColdStartFixtures.FLEET_SIZE
                            && result.path("shardsDispatched").asInt() == 1 && counted(invocations, 1),
                    "the scheduler did not dispatch one shard of " + ColdStartFixtures.FLEET_SIZE + ": " + result
                            + ", " + invocations + " shards sent");
            case "probe" -> (result, invocations, putEvents) -> require(
                    result.path("batchItemFailures").isArray() && result.path("batchItemFailures").isEmpty()
                            && counted(putEvents, 1),
                    "the probe did not probe its shard and publish once: " + result + ", " + putEvents + " PutEvents");
            default -> (result, invocations, putEvents) -> {
                String body = result.path("body").asText("");
                if (result.path("isBase64Encoded").asBoolean(false)) {
                    body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
                }
                String text = body;
                require(result.path("statusCode").asInt() == 200
                                && ColdStartFixtures.apiIds().stream().allMatch(id -> text.contains("\"" + id + "\"")),
                        "the api did not list every endpoint: status " + result.path("statusCode").asInt());
            };
        };
    }

    private static boolean counted(int seen, int expected) {
        return seen == ColdStartSubject.Check.UNCOUNTED || seen == expected;
    }

    private static void require(boolean condition, String otherwise) {
        if (!condition) {
            throw new IllegalStateException(otherwise);
        }
    }

    static Path recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return Files.createDirectories(dir);
    }

    /** {@code <artifact>-<version>.jar} in {@code dir}. */
    static Path jar(Path dir, String artifact) {
        Pattern name = Pattern.compile(Pattern.quote(artifact) + "-\\d[^/]*\\.jar");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> name.matcher(f.getFileName().toString()).matches()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + artifact + " jar in " + dir + " (build the benchmarks)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classifiedJar(Path target, String classifier) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + classifier + ".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-" + classifier + ".jar in " + target + " (build the benchmarks)"));
        }
    }

    @Override
    public void close() {
        aws.close();
        dynamo.close();
    }
}
