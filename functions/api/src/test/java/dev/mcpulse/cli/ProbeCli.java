package dev.mcpulse.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code mcpulse-probe} in this JVM for tests of other modules: the command's constructor is package-private
 * (its {@code main} exits the JVM), and this class shares its package on the test class path.
 */
public final class ProbeCli {

    public record Run(int exitCode, String out, String err) {
    }

    private ProbeCli() {
    }

    public static Run run(Map<String, String> environment, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ProbeCommand(environment::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static int usageExitCode() {
        return ExitCode.USAGE;
    }
}
