package dev.mcpulse.bench.cold;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How the Lambda {@code java21} managed runtime starts the JVM, so that B5 starts ours the same way. Observed on the
 * java17/java21 runtimes (the runtime's bootstrap command line): {@code -XX:MaxHeapSize} = 85 % of the function's
 * memory, {@code -XX:+UseSerialGC}, {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1} (C1 only; the default
 * from java17 on, and the template sets it again in {@code JAVA_TOOL_OPTIONS}), class-data sharing on (the runtime's
 * own archive; here the JDK's default one), {@code --add-opens=java.base/java.io=ALL-UNNAMED} and
 * {@code -XX:+ErrorFileToStderr}. The C1-only default yields to a {@code TieredStopAtLevel} in the function's
 * {@code JAVA_TOOL_OPTIONS}: that is how AWS documents choosing level 4 (full tiered) for a function. Left out: the Log4Shell hot-patch agent and the CRaC compatibility property
 * (neither is on this machine; neither touches our code path).
 */
public final class LambdaJavaRuntime {

    private LambdaJavaRuntime() {
    }

    public static List<String> jvmOptions(int memoryMb) {
        return jvmOptions(memoryMb, null);
    }

    /** The runtime's flags for a function whose {@code JAVA_TOOL_OPTIONS} is {@code javaToolOptions} (or null). */
    public static List<String> jvmOptions(int memoryMb, String javaToolOptions) {
        boolean functionChoosesJit = javaToolOptions != null && javaToolOptions.contains("TieredStopAtLevel");
        return Stream.of(
                "-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                functionChoosesJit ? null : "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-XX:+ErrorFileToStderr").filter(Objects::nonNull).toList();
    }

    /** {@code javaToolOptions} with its {@code TieredStopAtLevel} set to {@code level} (added if absent). */
    public static String withTieredStopAtLevel(String javaToolOptions, int level) {
        String options = javaToolOptions == null ? "" : javaToolOptions.replaceAll("\\s*-XX:TieredStopAtLevel=\\d", "").trim();
        return (options + " -XX:TieredStopAtLevel=" + level).trim();
    }

    /**
     * The variables Lambda sets in every java21 sandbox (with stand-in credentials: nothing here reaches AWS).
     * {@code TZ=:UTC} as Lambda sets it.
     */
    public static Map<String, String> environment(String functionName, int memoryMb, String handler, String taskRoot) {
        return Map.ofEntries(
                Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("AWS_DEFAULT_REGION", "eu-west-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "bench"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "bench"),
                Map.entry("AWS_SESSION_TOKEN", "bench"),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", functionName),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "1"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb)),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "bench"),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot),
                Map.entry("LANG", "en_US.UTF-8"),
                Map.entry("TZ", ":UTC"),
                Map.entry("_HANDLER", handler));
    }
}
