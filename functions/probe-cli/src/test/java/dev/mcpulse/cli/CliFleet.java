package dev.mcpulse.cli;

import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.NodeFixtures;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Node fixtures for the command-line tests, started once per test JVM and stopped by PID at its exit. */
final class CliFleet {

    static final String TOKEN = "cli-canary-9Pz4Qw7Er2Ty6Ui1Op3As5";
    private static final Map<String, RunningServer> SERVERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.values().forEach(RunningServer::close), "cli-fleet-stopper"));
    }

    private CliFleet() {
    }

    static URI url(String scenario) {
        Map<String, String> env = scenario.equals("bearer") ? Map.of("TOKEN", TOKEN, "ECHO_TOKEN_IN_ERRORS", "1") : Map.of();
        return SERVERS.computeIfAbsent(scenario, s -> NodeFixtures.start(s, env)).url();
    }
}
