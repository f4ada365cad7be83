package dev.mcpulse.testsupport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the test servers start, so that none outlives the test JVM: each is stopped by its own handle
 * on close, and whatever is still running when the JVM exits is stopped by a shutdown hook. (If the JVM is
 * killed outright the fixtures still die: they exit when their stdin, a pipe from this JVM, closes.)
 */
final class ChildProcesses {

    private static final long GRACE_MILLIS = 3_000;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "node-fixtures-reaper"));
    }

    private ChildProcesses() {
    }

    static void track(Process process) {
        RUNNING.add(process);
    }

    static void untrack(Process process) {
        RUNNING.remove(process);
    }

    /** Stops the process and its descendants: a polite signal first, then a forced one after a grace period. */
    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.remove(process);
        }
    }

    private static void stopAll() {
        RUNNING.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }
}
