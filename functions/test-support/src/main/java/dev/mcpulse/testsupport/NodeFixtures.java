package dev.mcpulse.testsupport;

import dev.mcpulse.mcpservers.RunningServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Node fixture fleet ({@code src/main/node/fixtures.mjs}): real MCP servers built with the official TypeScript
 * SDKs, one process per scenario, bound to 127.0.0.1 on a free port.
 *
 * <p>Scenarios: {@code everything-streamable}, {@code everything-sse}, {@code bearer}, {@code forbidden},
 * {@code insufficient-scope}, {@code slow}, {@code tool-is-error}, {@code http-500}, {@code malformed},
 * {@code sse-legacy}, {@code modern-only}, {@code dual-era} — what each answers is in the module README.
 */
public final class NodeFixtures {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final String READY_PREFIX = "LISTENING ";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private NodeFixtures() {
    }

    /**
     * Starts a scenario and waits (at most 30 s) until it listens. {@code env} is added to the child's environment
     * (e.g. {@code TOKEN}, {@code DELAY_MS}); its values never appear in logs or messages from here.
     * The server's stdout and stderr go to {@code target/node-fixtures/<scenario>-<n>.log} of the calling module.
     */
    public static RunningServer start(String scenario, Map<String, String> env) {
        NodeRuntime runtime = NodeRuntime.ready();
        Path log = logFile(scenario);
        ProcessBuilder builder = new ProcessBuilder(runtime.node().toString(), runtime.launcher().toString(), scenario)
                .directory(runtime.nodeDir().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("EXIT_ON_STDIN_EOF", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Node fixture " + scenario, e);
        }
        ChildProcesses.track(process);
        try {
            URI url = awaitListening(process, scenario, log);
            return new NodeServer(process, url);
        } catch (RuntimeException e) {
            ChildProcesses.stop(process);
            throw e;
        }
    }

    /**
     * The argv prefix that runs the official MCP conformance CLI ({@code @modelcontextprotocol/conformance}),
     * e.g. followed by {@code client --command "<cmd>" --scenario initialize}.
     */
    public static List<String> conformanceCommand() {
        NodeRuntime runtime = NodeRuntime.ready();
        return List.of(runtime.node().toString(), runtime.conformanceCli().toString());
    }

    /** Reads stdout until the LISTENING line; later stdout keeps flowing into the log so the pipe never fills. */
    private static URI awaitListening(Process process, String scenario, Path log) {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> pumpStdout(process, log, listening), "fixture-stdout-" + scenario);
        reader.setDaemon(true);
        reader.start();
        try {
            return listening.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Node fixture " + scenario + " did not listen within " + STARTUP_TIMEOUT
                    + "; its log " + log + " ends with:\n" + Logs.tail(log));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Node fixture " + scenario + " did not start (" + e.getCause().getMessage()
                    + "); its log " + log + " ends with:\n" + Logs.tail(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Node fixture " + scenario, e);
        }
    }

    private static void pumpStdout(Process process, Path log, CompletableFuture<URI> listening) {
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdout.readLine()) != null) {
                if (!listening.isDone() && line.startsWith(READY_PREFIX)) {
                    listening.complete(URI.create(line.substring(READY_PREFIX.length()).trim()));
                } else {
                    append(log, line);
                }
            }
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IllegalStateException("the process exited"));
    }

    private static void append(Path log, String line) throws IOException {
        try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(line);
            out.write('\n');
        }
    }

    private static Path logFile(String scenario) {
        if (!scenario.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("a scenario name is lower-case letters, digits and dashes, got: " + scenario);
        }
        Path dir = Path.of(System.getProperty("user.dir"), "target", "node-fixtures");
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve(scenario + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".log");
            Files.writeString(log, "# " + Instant.now() + " node fixtures.mjs " + scenario + "\n");
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the fixture log in " + dir, e);
        }
    }

    private record NodeServer(Process process, URI url) implements RunningServer {

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            ChildProcesses.stop(process);
        }
    }
}
