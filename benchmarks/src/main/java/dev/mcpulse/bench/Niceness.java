package dev.mcpulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU priority with {@code renice} (Debian package bsdutils): every thread of a running process given a lower priority,
 * so that on a shared machine the processes it competes with are served first. Linux keeps a niceness per thread, and
 * a thread started later takes its starter's. Only processes this benchmark started are reniced; raising a
 * niceness needs no privilege.
 */
public final class Niceness {

    private Niceness() {
    }

    /**
     * Gives every thread of {@code pid} the niceness {@code niceness} (higher: served later), and checks that each has
     * it: a thread its process starts while this runs may take the old niceness from its starter, so the threads
     * are read again until none is left. A thread that ends meanwhile is no error; the process gone is.
     */
    public static void lower(long pid, int niceness) throws IOException, InterruptedException {
        String failure = "";
        for (int round = 0; round < ROUNDS; round++) {
            List<String> others = threadsNotAt(pid, niceness);
            if (others.isEmpty()) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(renice(), "-n", Integer.toString(niceness), "-p"));
            command.addAll(others);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            failure = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("renice did not finish for process " + pid);
            }
        }
        throw new IllegalStateException("renice could not give every thread of process " + pid + " the niceness "
                + niceness + (failure.isEmpty() ? "" : ": " + failure));
    }

    private static final int ROUNDS = 5;

    /** The ids of {@code pid}'s threads whose niceness (field 19 of their stat) is not {@code niceness}. */
    public static List<String> threadsNotAt(long pid, int niceness) throws IOException {
        List<String> others = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended after it was listed
                }
                // After the command name, in parentheses (it may hold spaces): field 3 on, the niceness is field 19.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (Integer.parseInt(fields[19 - 3]) != niceness) {
                    others.add(task.getFileName().toString());
                }
            }
        }
        return others;
    }

    private static String renice() {
        for (String directory : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            if (new java.io.File(directory, "renice").canExecute()) {
                return directory + "/renice";
            }
        }
        throw new IllegalStateException("this benchmark needs renice (Debian package bsdutils)");
    }
}
