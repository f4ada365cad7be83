package dev.mcpulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM started by the benchmark — on the same JDK and, by default, the benchmark's own classpath — so that
 * the CPU and memory of what is measured are not mixed with the benchmark's (or the MCP servers'). Its standard
 * output is read line by line; standard error goes to a log file. Closing it ends it, by its PID.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Process process;
    private final String name;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Set once standard output has ended: no line will come any more. */
    private volatile boolean outputEnded;

    private JavaProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread reader = new Thread(this::pumpOutput, "bench-stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} on the benchmark's classpath with the given JVM options and arguments. */
    public static JavaProcess start(String name, List<String> jvmOptions, String mainClass, List<String> args,
                                    Path stderrLog) throws IOException {
        return startWithClasspath(name, System.getProperty("java.class.path"), jvmOptions, mainClass, args, stderrLog);
    }

    public static JavaProcess startWithClasspath(String name, String classpath, List<String> jvmOptions,
                                                 String mainClass, List<String> args, Path stderrLog)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return startCommand(name, command, stderrLog);
    }

    /** Starts any command (e.g. {@code java -jar} or {@code java -XX:AOTCache=…}); {@link #javaExecutable()} helps. */
    public static JavaProcess startCommand(String name, List<String> command, Path stderrLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        return new JavaProcess(builder.start(), name);
    }

    /**
     * Starts any command with exactly the given environment (nothing inherited from the benchmark's), as a
     * Lambda sandbox gets only the variables Lambda and the function's configuration set.
     */
    public static JavaProcess startCommand(String name, List<String> command, Map<String, String> environment,
                                           Path stderrLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new JavaProcess(builder.start(), name);
    }

    /** The {@code java} of the JDK running the benchmark (a JDK 21+, found by bin/find-jdk). */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Writes one line to the process's standard input (a command to a child that reads them) and flushes it.
     * Closing the process closes its standard input too.
     */
    public void send(String line) {
        try {
            var in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new IllegalStateException(name + " did not take the line \"" + line + "\""
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"), e);
        }
    }

    /** Waits for the next line of standard output that matches, skipping others; fails if none comes in time. */
    public String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            // In short slices, so that a process that died is reported at once rather than at the timeout.
            String line = left > 0 ? lines.poll(Math.min(left, POLL_SLICE_NANOS), TimeUnit.NANOSECONDS) : null;
            if (line == null && outputEnded) {
                line = lines.poll(); // a last line may have come between the poll and the end
            } else if (line == null && left > POLL_SLICE_NANOS) {
                continue;
            }
            if (line == null) {
                throw new IllegalStateException(name + " printed no expected line within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (matching.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not exit within " + timeout);
        }
        return process.exitValue();
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process ended; nothing more to read.
        } finally {
            outputEnded = true;
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
