package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static dev.mcpulse.probe.TestEndpoints.shard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.LogCapture;
import dev.mcpulse.testsupport.ManualClock;
import dev.mcpulse.wiring.JsonLogging;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A JVM {@code Error} in the prober for one endpoint of a shard, through the real probe handler with its real beans
 * (the MCP prober, the DynamoDB adapters on DynamoDB Local, a real MCP server on loopback). The invocation fails
 * loudly — Lambda retries it, then the dead-letter queue — the ERROR line carries the throwable, the endpoint gets no
 * verdict (no snapshot, no history item: the fault is mcpulse's, not the server's) and its two siblings are probed and
 * stored as usual.
 */
class ProberErrorHandlerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final List<String> SHARD = List.of("sibling-1", "poisoned", "sibling-2");

    RunningServer server;
    EmbeddedDynamoDb dynamoDb;
    ApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anErrorInTheProberFailsTheInvocationStoresNoVerdictForItsEndpointAndStoresItsSiblings() {
        server = JavaSdkServers.builder("open", "1.0.0").standardTools().start();
        dynamoDb = EmbeddedDynamoDb.inMemory();
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.local.mode", "true", // the server is on loopback
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.secrets.source", "local",
                        ProberFaultInjection.ENDPOINT_PROPERTY, "poisoned"))
                .singletons(dynamoDb.client(), new ManualClock(T0))
                .start();
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        SHARD.forEach(id -> registry.put(endpoint(Map.of("id", id, "url", server.url().toString(), "timeoutMs", 20_000))));
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);

        List<String> lines;
        try (LogCapture logs = LogCapture.open(JsonLogging::jsonEncoder)) {
            assertThatThrownBy(() -> new ProbeHandler(context).probe(shard(T0, SHARD)))
                    .isInstanceOf(EndpointChecker.ProberFailure.class)
                    .hasMessage("the prober failed for 1 of 3 endpoints; no verdict was stored for them")
                    .hasCauseInstanceOf(StackOverflowError.class);
            lines = logs.lines();
        }

        for (String sibling : List.of("sibling-1", "sibling-2")) {
            EndpointId id = new EndpointId(sibling);
            assertThat(snapshots.latest(id)).as(sibling).hasValueSatisfying(s -> {
                assertThat(s.outcome()).isEqualTo(OutcomeKind.OK);
                assertThat(s.checkedAt()).isEqualTo(T0);
            });
            assertThat(snapshots.history(id, 10)).as(sibling).hasSize(1);
        }
        EndpointId poisoned = new EndpointId("poisoned");
        assertThat(snapshots.latest(poisoned)).isEmpty();
        assertThat(snapshots.history(poisoned, 10)).isEmpty();
        assertThat(lines).filteredOn(line -> line.contains("\"level\":\"ERROR\"") && line.contains("\"poisoned\""))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("the prober failed; no verdict is stored for this endpoint")
                        .contains("java.lang.StackOverflowError")
                        .contains(ProberFaultInjection.class.getSimpleName())); // a frame of the stack
        assertThat(lines).noneMatch(line -> line.contains("\"timeout\""));
    }
}
