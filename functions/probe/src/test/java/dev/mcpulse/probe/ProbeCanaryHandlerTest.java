package dev.mcpulse.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.CredentialEcho;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import dev.mcpulse.testsupport.CanaryWalk;
import dev.mcpulse.testsupport.EventBridgeStandIn;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.wiring.JsonLogging;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The probe function's side of the canary walk (DESIGN section 7): a shard of endpoints whose credential is a canary,
 * one per outcome a server can cause, most of them repeating the credential back (WWW-Authenticate, JSON-RPC error
 * messages of a 400 and a 500, a body that is not JSON-RPC, a tool's isError text, a thrown tool error). The real
 * handler probes the shard twice; then its summaries, the status-change events it sent to EventBridge, every item it
 * stored in DynamoDB and every line it logged are walked key by key and value by value: the canary and
 * bearer-token-shaped text occur 0 times.
 */
class ProbeCanaryHandlerTest {

    static final String CANARY = "canary-probe-4c1d9e7f2a6b8c0d3e5f7a9b";
    static final String CANARY_SECRET_ID = "mcpulse/test/probe-canary";

    @TempDir
    static Path secretsDir;
    static final List<RunningServer> servers = new ArrayList<>();
    static final Map<String, String> outcomes = new LinkedHashMap<>();
    static EmbeddedDynamoDb dynamoDb;
    static EventBridgeStandIn eventBridge;
    static ApplicationContext context;
    static LogCapture logs;

    @BeforeAll
    static void start() throws IOException {
        logs = LogCapture.open(JsonLogging::jsonEncoder);
        dynamoDb = EmbeddedDynamoDb.inMemory();
        eventBridge = new EventBridgeStandIn();
        Path secrets = secretsDir.resolve("secrets.yaml");
        Files.writeString(secrets, CANARY_SECRET_ID + ": " + CANARY + "\n");
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.local.mode", "true",
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.secrets.source", "local",
                        "mcpulse.secrets.file", secrets.toString(),
                        "mcpulse.event.bus.name", "mcpulse-test-bus",
                        "mcpulse.eventbridge.endpoint", eventBridge.url().toString()))
                .singletons(dynamoDb.client())
                .start();
        register("canary-ok", "ok", server(JavaSdkServers.builder("healthy", "1.0.0").standardTools()
                .requireBearerToken(CANARY)), Map.of("readiness", Map.of("tool", "ready")));
        register("canary-tool-error", "tool_error", server(JavaSdkServers.builder("leaky-tool", "1.0.0").standardTools()
                .tool(TestTool.constant("check", ToolReply.error("upstream rejected credential Bearer " + CANARY)))
                .requireBearerToken(CANARY)), Map.of("readiness", Map.of("tool", "check")));
        register("canary-tool-throws", "tool_error", server(JavaSdkServers.builder("throwing-tool", "1.0.0").standardTools()
                .tool(new TestTool("whoami", "Fails with the caller's credential in its error.",
                        TestTool.objectSchema(Map.of(), List.of()), true, arguments -> {
                            throw new IllegalStateException("internal error for Bearer " + CANARY);
                        }))
                .requireBearerToken(CANARY)), Map.of("readiness", Map.of("tool", "whoami")));
        register("canary-challenge", "auth_rejected", echoing(CredentialEcho.CHALLENGE), Map.of());
        register("canary-header", "auth_rejected", echoing(CredentialEcho.CHALLENGE),
                Map.of("auth", Map.of("type", "header", "name", "X-Api-Key", "secret", CANARY_SECRET_ID)));
        register("canary-scope", "auth_insufficient_scope", echoing(CredentialEcho.INSUFFICIENT_SCOPE), Map.of());
        register("canary-rpc-error", "rpc_error", echoing(CredentialEcho.RPC_ERROR), Map.of());
        register("canary-server-error", "http_error", echoing(CredentialEcho.SERVER_ERROR), Map.of());
        register("canary-malformed", "protocol_error", echoing(CredentialEcho.MALFORMED), Map.of());
        register("canary-timeout", "timeout", server(JavaSdkServers.builder("slow", "1.0.0").standardTools()
                .requireBearerToken(CANARY).delay(Duration.ofSeconds(2))), Map.of("timeoutMs", 500));
        register("canary-unreachable", "unreachable", closedPort(), Map.of());
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamoDb.close();
        eventBridge.close();
        logs.close();
        servers.forEach(RunningServer::close);
    }

    @Test
    void noSummaryEventStoredItemOrLogLineHoldsTheCanary() throws IOException {
        JsonMapper json = context.getBean(JsonMapper.class);
        List<String> summaries = new ArrayList<>();
        for (int cycle = 0; cycle < 2; cycle++) {
            String cycleStartedAt = Instant.now().toString();
            ShardRequest shard = new ShardRequest(cycleStartedAt, 0, List.copyOf(outcomes.keySet()), 0);
            ShardSummary summary = new ProbeHandler(context).probe(shard);
            summaries.add(json.writeValueAsString(summary));
        }
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        outcomes.forEach((id, outcome) -> assertThat(snapshots.latest(new EndpointId(id)).map(HealthSnapshot::outcome)
                .map(kind -> kind.code())).as(id).contains(outcome));
        assertThat(snapshots.latest(new EndpointId("canary-rpc-error")).flatMap(HealthSnapshot::lastError))
                .as("the server's words are kept, redacted").hasValueSatisfying(error -> assertThat(error).contains("[redacted]"));

        CanaryWalk walk = new CanaryWalk(CANARY, text -> parse(json, text));
        summaries.forEach(summary -> walk.payload("shard summary", summary));
        eventBridge.putEventsBodies.forEach(body -> walk.payload("PutEvents request", body));
        context.getBean(DynamoDbClient.class).scanPaginator(scan -> scan.tableName(dynamoDb.tableName())).items()
                .forEach(item -> walk.record("table item", item.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()))));
        logs.lines().forEach(walk::logLine);
        System.out.println(walk.summary("canary walk (probe function)"));

        assertThat(walk.occurrences()).isEmpty();
        assertThat(eventBridge.putEventsBodies).as("status-change events sent").isNotEmpty();
        assertThat(walk.logLines()).as("log lines walked").isGreaterThanOrEqualTo(2 * outcomes.size());
    }

    /** Registers an endpoint whose credential is the canary (a bearer token unless {@code more} says otherwise). */
    private static void register(String id, String outcome, String url, Map<String, Object> more) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("url", url);
        entry.put("auth", Map.of("type", "bearer", "secret", CANARY_SECRET_ID));
        entry.put("timeoutMs", 5_000);
        entry.putAll(more);
        context.getBean(EndpointRegistry.class).put(ProbeHandlerTest.valid(new EndpointParser(UrlPolicy.local()).parse(entry)));
        outcomes.put(id, outcome);
    }

    private static String server(JavaSdkServers.Builder builder) {
        RunningServer server = builder.start();
        servers.add(server);
        return server.url().toString();
    }

    private static String echoing(CredentialEcho echo) {
        return server(JavaSdkServers.builder("echoing-" + echo.name().toLowerCase(java.util.Locale.ROOT), "1.0.0")
                .standardTools().echoCredentialIn(echo));
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/mcp";
        }
    }

    private static Optional<Object> parse(JsonMapper json, String text) {
        try {
            return Optional.ofNullable(json.readValue(text, Argument.OBJECT_ARGUMENT));
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
