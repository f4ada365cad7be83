package dev.mcpulse.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local stack as a user starts it: {@code bin/mcpulse-local --no-demo --fleet FILE --port P --admin-token T}, a
 * child process of the benchmark. Its output goes to a log file with the admin token blanked out (the runner's
 * banner prints it). Closing it stops it by its PID: SIGTERM, which the runner answers by stopping cleanly, then
 * SIGKILL if it has not exited within the grace period. The load run ({@code bin/mcpulse-load}) and the local
 * runner's capacity (B1b) both start it.
 */
public final class LocalStackProcess implements AutoCloseable {

    private static final long STOP_GRACE_SECONDS = 20;

    private final Process process;

    private LocalStackProcess(Process process) {
        this.process = process;
    }

    /** The exact command line the README documents, with the fleet file, a free port and a generated token. */
    static List<String> command(Path root, Path fleetFile, int port, String adminToken, List<String> moreFlags) {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/mcpulse-local").toString(), "--no-demo",
                "--fleet", fleetFile.toString(), "--port", Integer.toString(port), "--admin-token", adminToken));
        command.addAll(moreFlags);
        return command;
    }

    static LocalStackProcess start(Path root, Path fleetFile, int port, String adminToken, Path log) throws IOException {
        return start(root, fleetFile, port, adminToken, List.of(), log, line -> { });
    }

    /**
     * Starts it with more of the README's flags (e.g. {@code --secrets-file}); each line it prints is also handed to
     * {@code lines}, on the thread that copies the output, as soon as it is printed.
     */
    public static LocalStackProcess start(Path root, Path fleetFile, int port, String adminToken, List<String> moreFlags,
                                          Path log, Consumer<String> lines) throws IOException {
        Process process = new ProcessBuilder(command(root, fleetFile, port, adminToken, moreFlags))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        Thread pump = new Thread(() -> copyRedacted(process, adminToken, log, lines), "mcpulse-local-output");
        pump.setDaemon(true);
        pump.start();
        return new LocalStackProcess(process);
    }

    private static void copyRedacted(Process process, String secret, Path log, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String redacted = line.replace(secret, "(admin token)");
                out.write(redacted);
                out.write('\n');
                out.flush();
                lines.accept(redacted);
            }
        } catch (IOException e) {
            // The process ended or the log cannot be written; the run reports the process's state itself.
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Stops the runner by its PID; returns its exit code (-1 if it had to be killed). */
    public int stop() throws InterruptedException {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        if (process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
