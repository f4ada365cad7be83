package dev.mcpulse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time and peak resident memory of a process, read from Linux's /proc (this benchmark runs on Linux only):
 * {@code utime + stime} from {@code /proc/<pid>/stat}, {@code VmHWM} from {@code /proc/<pid>/status}. Read them
 * before the process exits.
 */
public final class ProcessUsage {

    /** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessUsage() {
    }

    /**
     * User + system CPU nanoseconds this JVM has used so far, as the JVM counts them (finer than /proc's 10 ms
     * ticks): for a process that times its own stages.
     */
    public static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User + system CPU seconds the process has used so far. */
    public static double cpuSeconds(long pid) {
        return ticks(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** utime + stime of a /proc stat line, in seconds. */
    private static double ticks(String stat) {
        // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /**
     * User + system CPU seconds the JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…})
     * have used so far: a fresh JVM pays for compiling the code it runs, and that is not the cost of the work itself.
     */
    public static double compilerCpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        double seconds = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended since the listing
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    seconds += ticks(stat);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + tasks + " (has the process exited?)", e);
        }
        return seconds;
    }

    /** The peak resident set size so far, in bytes. */
    public static long peakRssBytes(long pid) {
        return statusKilobytes(pid, "VmHWM:") * 1024;
    }

    /** The resident set size now, in bytes. */
    public static long rssBytes(long pid) {
        return statusKilobytes(pid, "VmRSS:") * 1024;
    }

    /**
     * Resets the peak resident set size (VmHWM) to the current one, so that a later {@link #peakRssBytes} is the
     * peak since now (Linux 4.0+: {@code echo 5 > /proc/<pid>/clear_refs}; the process must be ours).
     */
    public static void resetPeakRss(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the peak RSS of " + pid, e);
        }
    }

    private static long statusKilobytes(long pid, String field) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " (has the process exited?)", e);
        }
    }
}
