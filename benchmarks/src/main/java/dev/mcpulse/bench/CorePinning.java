package dev.mcpulse.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU affinity with {@code taskset} (util-linux): a process started on given cores, or a running one (every thread) moved.
 * Only processes this benchmark started are moved, and they are given every core back when a benchmark is done with them.
 */
public final class CorePinning {

    private CorePinning() {
    }

    /** This machine's cores as taskset names them, e.g. {@code 0-1}. */
    public static String allCores() {
        return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The prefix that starts a command on {@code cores}. */
    public static List<String> launcher(String cores) {
        return List.of(taskset(), "-c", cores);
    }

    /** Moves every thread of a running process to {@code cores}. */
    public static void pin(long pid, String cores) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(taskset(), "-a", "-p", "-c", cores, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("taskset could not move process " + pid + " to cores " + cores);
        }
    }

    private static String taskset() {
        for (String directory : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            if (new java.io.File(directory, "taskset").canExecute()) {
                return directory + "/taskset";
            }
        }
        throw new IllegalStateException("this benchmark needs taskset (Debian package util-linux)");
    }
}
