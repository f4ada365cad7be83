package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static dev.mcpulse.probe.TestEndpoints.shard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.dynamodblocal.DynamoDbLocalServer;
import dev.mcpulse.dynamodblocal.TableSetup;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.testsupport.ManualClock;
import dev.mcpulse.wiring.JsonLogging;
import dev.mcpulse.wiring.snapstart.Priming;
import dev.mcpulse.wiring.snapstart.SnapStartHooks;
import dev.mcpulse.wiring.snapstart.SnapStartPriming;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The probe function's SnapStart priming, run as Lambda runs it (the registered hook's {@code beforeCheckpoint}, then
 * {@code afterRestore}) against DynamoDB Local as a server on loopback: the DynamoDB client makes exactly one call (a
 * GetItem, counted by an SDK interceptor on the client the function uses), the serde and a whole loopback probe are
 * done, and afterwards this process holds no connection it did not hold before — nothing for a snapshot to freeze.
 * After the restore the function probes and stores a shard, its clients connecting again. A priming that cannot reach
 * DynamoDB logs a WARN and the hook returns; without SnapStart no hook exists.
 */
class SnapStartPrimingIT {

    static final String TABLE = "mcpulse";
    static final Instant T0 = ManualClock.realNowToTheMinute();

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void theHookMakesOneGetItemTheSerdeAndALoopbackProbeLeavesNoConnectionOpenAndTheFunctionWorksAfterTheRestore()
            throws Exception {
        DynamoDbLocalServer store = started(DynamoDbLocalServer.start(dataDir, 0));
        try (DynamoDbClient admin = client(store.endpoint(), null)) {
            TableSetup.createIfMissing(admin, TABLE);
        }
        CountingInterceptor calls = new CountingInterceptor();
        DynamoDbClient functionClient = started(client(store.endpoint(), calls));
        ApplicationContext context = started(ApplicationContext.builder()
                .properties(properties(store.endpoint(), true))
                .singletons(functionClient, new ManualClock(T0))
                .start());
        SnapStartPriming hook = context.getBean(SnapStartHooks.class).priming();
        Set<String> before = OpenConnections.ofThisProcess();

        List<String> lines;
        try (LogCapture logs = LogCapture.open(JsonLogging::jsonEncoder)) {
            hook.beforeCheckpoint(null);
            lines = logs.lines();
        }

        // At once, on the client's side: the JDK would keep an idle connection for 5 s, which a wait could hide.
        assertThat(OpenConnections.ofThisProcess()).as("the DynamoDB client's connections")
                .noneMatch(connection -> connection.contains(hexPort(store.port()) + "(state"));
        assertThat(calls.operations).containsExactly("GetItem");
        assertThat(lines).filteredOn(line -> line.contains("primed before the snapshot"))
                .hasSize(3)
                .anyMatch(line -> line.contains("\"priming\":\"dynamodb\""))
                .anyMatch(line -> line.contains("\"priming\":\"serde\""))
                .anyMatch(line -> line.contains("\"priming\":\"probe\""));
        assertThat(lines).noneMatch(line -> line.contains("\"level\":\"WARN\""));
        assertThat(connectionsOpenedSince(before)).as("connections left open by the priming").isEmpty();

        hook.afterRestore(null);
        RunningServer server = started(JavaSdkServers.builder("after-restore", "1.0.0").standardTools().start());
        context.getBean(EndpointRegistry.class).put(endpoint(Map.of("id", "after-restore", "url", server.url().toString(),
                "timeoutMs", 20_000)));
        ShardSummary summary = new ProbeHandler(context).probe(shard(T0, List.of("after-restore")));
        assertThat(summary.connected()).isEqualTo(1);
        assertThat(calls.operations.size()).as("DynamoDB calls after the restore").isGreaterThan(1);
    }

    @Test
    void aPrimingThatCannotReachDynamoDbLogsAWarningAndTheHookReturnsAfterTheOtherPrimings() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort());
        Map<String, Object> properties = new HashMap<>(properties(nowhere, true));
        properties.put("mcpulse.storage.dynamodb.max-attempts", "1");
        ApplicationContext context = started(ApplicationContext.builder().properties(properties).start());
        SnapStartPriming hook = context.getBean(SnapStartHooks.class).priming();
        Set<String> before = OpenConnections.ofThisProcess();

        List<String> lines;
        try (LogCapture logs = LogCapture.open(JsonLogging::jsonEncoder)) {
            hook.beforeCheckpoint(null);
            lines = logs.lines();
        }

        assertThat(lines).filteredOn(line -> line.contains("\"level\":\"WARN\""))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("\"priming\":\"dynamodb\"")
                        .contains("priming failed; the snapshot is taken without it: DynamoDB GetItem"));
        assertThat(lines).filteredOn(line -> line.contains("primed before the snapshot"))
                .hasSize(2)
                .anyMatch(line -> line.contains("\"priming\":\"serde\""))
                .anyMatch(line -> line.contains("\"priming\":\"probe\""));
        assertThat(connectionsOpenedSince(before)).isEmpty();
    }

    @Test
    void withoutSnapStartThereIsNoHookAndNothingToPrime() {
        ApplicationContext context = started(ApplicationContext.builder()
                .properties(properties(URI.create("http://127.0.0.1:1"), false))
                .start());

        assertThat(context.findBean(SnapStartHooks.class)).isEmpty();
        assertThat(context.getBeansOfType(Priming.class)).isEmpty();
    }

    private static Map<String, Object> properties(URI dynamoDb, boolean snapStart) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "mcpulse.storage.dynamodb.table-name", TABLE,
                "mcpulse.storage.dynamodb.endpoint", dynamoDb.toString(),
                "mcpulse.local.mode", "true", // the MCP server probed after the restore is on loopback
                "mcpulse.secrets.source", "local"));
        if (snapStart) {
            properties.put(SnapStartHooks.INITIALIZATION_TYPE, SnapStartHooks.SNAP_START);
        }
        return properties;
    }

    /**
     * Connections this process opened since {@code before} and still holds. The servers' sides (DynamoDB Local and
     * the stub run in this JVM) may take a moment to follow a close; the wait stays under the 3 s after which the
     * probe's pool, and the 5 s after which the JDK's keep-alive cache, would close an idle connection themselves.
     */
    private static Set<String> connectionsOpenedSince(Set<String> before) throws InterruptedException {
        Set<String> opened = Set.of();
        for (int attempt = 0; attempt < 20; attempt++) {
            opened = new java.util.TreeSet<>(OpenConnections.ofThisProcess());
            opened.removeAll(before);
            if (opened.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return opened;
    }

    /** The port as /proc/net/tcp writes it: four hex digits after the address's colon. */
    private static String hexPort(int port) {
        return ":" + String.format(Locale.ROOT, "%04X", port) + " ";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A client as the functions build theirs (the JDK's HTTP stack); the admin one asks for no keep-alive. */
    private static DynamoDbClient client(URI endpoint, CountingInterceptor calls) {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> {
                    if (calls != null) {
                        o.addExecutionInterceptor(calls);
                    } else {
                        o.putHeader("Connection", "close");
                    }
                })
                .build();
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }

    /** The operations the client was asked to make, by name, in order. */
    static final class CountingInterceptor implements ExecutionInterceptor {
        final List<String> operations = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }
}
