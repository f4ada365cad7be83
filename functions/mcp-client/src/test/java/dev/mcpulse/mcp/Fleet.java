package dev.mcpulse.mcp;

import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.NodeFixtures;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Node fixture servers the probe's tests share within one test JVM: each scenario (with its environment) is
 * started once, on first use, and stopped by PID when the JVM exits (test-support also kills them if this
 * JVM dies). Starting a Node process costs about a second; sharing keeps the module's test time down.
 */
final class Fleet {

    /** The token the bearer fixture accepts. Test-only, and still never allowed into any probe output. */
    static final String TOKEN = "canary-7Hq2Lr9Xw4Tz8Mb3Nc5Vd1Kf6";

    private static final Map<String, CompletableFuture<RunningServer>> SERVERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.values().forEach(f -> {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                f.join().close();
            }
        }), "fleet-stopper"));
    }

    private Fleet() {
    }

    static URI url(String scenario) {
        return url(scenario, Map.of());
    }

    static URI url(String scenario, Map<String, String> env) {
        String key = scenario + env;
        return SERVERS.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> NodeFixtures.start(scenario, env)))
                .join().url();
    }

    /** Starts several scenarios at once, so a test class waits for the slowest start only. */
    static void warmUp(List<String> scenarios) {
        scenarios.forEach(s -> warmUp(s, Map.of()));
    }

    static void warmUp(String scenario, Map<String, String> env) {
        SERVERS.computeIfAbsent(scenario + env, k -> CompletableFuture.supplyAsync(() -> NodeFixtures.start(scenario, env)));
    }

    static Map<String, String> bearerEnv() {
        return Map.of("TOKEN", TOKEN);
    }

    static Map<String, String> leakyBearerEnv() {
        return Map.of("TOKEN", TOKEN, "ECHO_TOKEN_IN_ERRORS", "1");
    }
}
