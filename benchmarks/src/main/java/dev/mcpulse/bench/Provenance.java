package dev.mcpulse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Which run produced a figure: the command, the commit its jars were built from (and whether the work tree had
 * uncommitted changes), when, and on what machine. Every section of docs/benchmarks.md carries one, so a section kept
 * from an earlier run ({@code --only}) never reads as if this run measured it.
 */
public record Provenance(String command, String commit, Instant at, String machine) {

    /** This run: {@code git rev-parse --short HEAD} of the repository it measures, "+ uncommitted changes" if dirty. */
    public static Provenance current(Path root, String command) {
        return new Provenance(command, commit(root), Instant.now().truncatedTo(ChronoUnit.SECONDS), Machine.describe());
    }

    /** One line for the report: "`bin/mcpulse-bench --only B5` at commit abc1234 on 2026-12-03T16:00:00Z". */
    public String describe() {
        return "`" + command + "` at commit " + commit + " on " + at;
    }

    static String commit(Path root) {
        String head = git(root, "rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown (no git)";
        }
        // Only sources count: the report itself and build output do not change what was measured.
        String dirty = git(root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)docs/benchmarks.md");
        return dirty.isEmpty() ? head : head + " + uncommitted changes";
    }

    private static String git(Path root, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = root.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
