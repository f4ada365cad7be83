package dev.mcpulse.local;

import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.mcpservers.JavaSdkServers.InProcessServer;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo: real MCP Java SDK servers on 127.0.0.1 (random ports), one per status a newcomer should see, and the
 * secrets they need, generated per run and held only in memory. infra/local/demo-fleet.yaml names the servers by
 * placeholder ({@code ${demo.healthy}}), which {@link #urls()} fills in.
 */
final class DemoFleet implements AutoCloseable {

    static final String HEALTHY_SECRET = "mcpulse/demo/healthy-token";
    static final String WRONG_SECRET = "mcpulse/demo/wrong-token";
    /** Referenced by the demo fleet and deliberately provided by nobody. */
    static final String MISSING_SECRET = "mcpulse/demo/missing-token";
    /** The slow server holds every request longer than its endpoint's timeout (1 s in the demo fleet). */
    static final Duration SLOW_DELAY = Duration.ofMillis(2500);
    static final String CHANGING_TOOL = "forecast";

    private final List<InProcessServer> servers = new ArrayList<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final Map<String, String> secrets;
    private InProcessServer changing;
    private boolean toolPresent;

    private DemoFleet(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    static DemoFleet start() {
        String healthyToken = randomToken();
        String wrongServerToken = randomToken();
        DemoFleet demo = new DemoFleet(Map.of(HEALTHY_SECRET, healthyToken, WRONG_SECRET, randomToken()));
        try {
            demo.add("healthy", JavaSdkServers.builder("demo-healthy", "1.4.2").standardTools()
                    .requireBearerToken(healthyToken));
            demo.add("wrong-token", JavaSdkServers.builder("demo-wrong-token", "1.0.0").standardTools()
                    .requireBearerToken(wrongServerToken));
            demo.add("missing-secret", JavaSdkServers.builder("demo-missing-secret", "1.0.0").standardTools()
                    .requireBearerToken(randomToken()));
            demo.add("slow", JavaSdkServers.builder("demo-slow", "1.0.0").standardTools().delay(SLOW_DELAY));
            demo.add("tool-error", JavaSdkServers.builder("demo-tool-error", "2.0.1").tool(TestTool.echo())
                    .tool(TestTool.constant("ready", ToolReply.error("database connection refused: orders-db:5432"))));
            demo.changing = demo.add("changing-tools", JavaSdkServers.builder("demo-changing-tools", "3.0.0")
                    .standardTools());
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private InProcessServer add(String name, JavaSdkServers.Builder builder) {
        InProcessServer server = builder.start();
        servers.add(server);
        urls.put("demo." + name, server.url().toString());
        return server;
    }

    /** Placeholder name (without {@code ${}}) to server URL. */
    Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    /** Called before each scheduler cycle: the changing server gains or loses a tool, so every cycle sees a new list. */
    synchronized void beforeCycle() {
        if (toolPresent) {
            changing.removeTool(CHANGING_TOOL);
        } else {
            changing.addTool(TestTool.constant(CHANGING_TOOL, ToolReply.text("sunny, 21 C")));
        }
        toolPresent = !toolPresent;
    }

    /** The demo's secrets; every other id is "not found", so the next resolver in line is asked. */
    SecretResolver secrets() {
        return ref -> {
            String value = secrets.get(ref.secretId());
            return value == null ? new SecretResolver.SecretLookup.NotFound("secret " + ref.secretId() + " is not a demo secret")
                    : new SecretResolver.SecretLookup.Found(new SecretValue(value));
        };
    }

    @Override
    public void close() {
        servers.forEach(server -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                // Best effort at shutdown: the process is ending anyway.
            }
        });
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "demo-" + HexFormat.of().formatHex(bytes);
    }
}
