package dev.mcpulse.bench.probefn;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.JavaProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's side of {@link ProbeFunctionMain}: starts it on the probe function's deployable jar (plus the
 * benchmark's classes, for the main class), pointed at a DynamoDB Local process, and sends it commands.
 */
public final class ProbeFunctionProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final JavaProcess process;
    /**
     * Each timeout the function recorded since the last take: its {@code stalledMs}, by endpoint id. Filled as the
     * caller reads the output for a command's answer, so on the caller's thread.
     */
    private final Map<String, Long> timeoutStalls = new HashMap<>();

    private ProbeFunctionProcess(JavaProcess process) {
        this.process = process;
    }

    /**
     * @param jvmOptions the child's JVM flags (heap, compiler)
     * @param secretsFile the local secrets the endpoints' auth references resolve to
     */
    public static ProbeFunctionProcess start(BenchEnv env, String name, List<String> jvmOptions,
                                             DynamoDbLocalProcess dynamoDb, Path secretsFile)
            throws IOException, InterruptedException {
        return start(env, name, List.of(), jvmOptions, dynamoDb, secretsFile);
    }

    /**
     * @param launcher what the JVM is started under, e.g. {@code taskset -c 0} to give it one core as a Lambda
     *                 container of about 1.8 GB has; empty for none
     */
    public static ProbeFunctionProcess start(BenchEnv env, String name, List<String> launcher, List<String> jvmOptions,
                                             DynamoDbLocalProcess dynamoDb, Path secretsFile)
            throws IOException, InterruptedException {
        List<String> properties = List.of(
                "mcpulse.storage.dynamodb.table-name=" + DynamoDbLocalProcess.TABLE,
                "mcpulse.storage.dynamodb.endpoint=" + dynamoDb.endpoint(),
                "mcpulse.local.mode=true", // the fleet is on loopback, which the guarded resolver refuses otherwise
                "mcpulse.secrets.source=local",
                "mcpulse.secrets.file=" + secretsFile.toAbsolutePath());
        List<String> command = new ArrayList<>(launcher);
        command.add(JavaProcess.javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath(env.root()), ProbeFunctionMain.class.getName()));
        command.addAll(properties);
        JavaProcess process = JavaProcess.startCommand(name, command, env.scratch().resolve(name + ".log"));
        ProbeFunctionProcess function = new ProbeFunctionProcess(process);
        try {
            function.await("ready", START_TIMEOUT);
            return function;
        } catch (RuntimeException | InterruptedException e) {
            function.close();
            throw e;
        }
    }

    /** The probe function's shaded jar and the benchmark's compiled classes (not its jar: that names every library). */
    static String classpath(Path root) {
        List<String> entries = new ArrayList<>();
        for (Path entry : List.of(root.resolve("functions/probe/target/mcpulse-probe-function.jar"),
                root.resolve("benchmarks/target/classes"))) {
            if (!Files.exists(entry)) {
                throw new IllegalStateException(entry + " is missing: build it first (bin/mcpulse-bench does)");
            }
            entries.add(entry.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Sends a command and waits for its answer's values. */
    public Map<String, String> command(String command, Duration timeout) throws InterruptedException {
        process.send(command);
        return await(command.split(" ")[0], timeout);
    }

    /**
     * The timeouts the function recorded since the last call, each with how long its process was held up during the
     * probe (the {@code stalledMs} of its "probe result" line), by endpoint id.
     */
    public Map<String, Long> takeTimeoutStalls() {
        Map<String, Long> taken = Map.copyOf(timeoutStalls);
        timeoutStalls.clear();
        return taken;
    }

    private Map<String, String> await(String command, Duration timeout) throws InterruptedException {
        String line = process.awaitLine(l -> {
            observe(l);
            return BenchLine.parse(l, command).isPresent() || BenchLine.parse(l, "unknown").isPresent();
        }, timeout);
        if (BenchLine.parse(line, "unknown").isPresent()) {
            throw new IllegalStateException("the probe function process does not know the command " + command);
        }
        return BenchLine.parse(line, command).orElseThrow();
    }

    /** Notes a recorded timeout from the function's JSON log lines, which the commands' answers come among. */
    private void observe(String line) {
        RecordedTimeout.parse(line).ifPresent(timeout -> timeoutStalls.put(timeout.endpointId(), timeout.stalledMs()));
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.send("quit");
                process.awaitExit(Duration.ofSeconds(10));
            } catch (RuntimeException | InterruptedException e) {
                // Ended by PID below.
            }
        }
        process.close();
    }
}
