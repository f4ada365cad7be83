package dev.mcpulse.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pins every thread of a process to some CPUs with {@code taskset}, and puts the old affinity back on close. Absent
 * {@code taskset}, or on one CPU, there is nothing to pin and {@link #pin} returns empty.
 */
final class CpuPinning implements AutoCloseable {

    private final long pid;
    private final String previousMask;

    private CpuPinning(long pid, String previousMask) {
        this.pid = pid;
        this.previousMask = previousMask;
    }

    /** Pins {@code pid}'s threads (and those it starts later) to {@code cpus}, a taskset CPU list such as "0". */
    static Optional<CpuPinning> pin(long pid, String cpus) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return Optional.empty();
        }
        Optional<String> current = run("taskset", "-p", Long.toString(pid));
        if (current.isEmpty()) {
            return Optional.empty();
        }
        // "pid 123's current affinity mask: 3"
        String mask = current.get().substring(current.get().lastIndexOf(':') + 1).strip();
        if (run("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CpuPinning(pid, mask));
    }

    @Override
    public void close() {
        run("taskset", "-a", "-p", previousMask, Long.toString(pid));
    }

    /** The command's output if it ran and exited 0 within 10 s. */
    private static Optional<String> run(String... command) {
        List<String> argv = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(output, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no taskset here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
