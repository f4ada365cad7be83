package dev.mcpulse.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.ShardProbe;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.EventBridgeStandIn;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real probe handler with its real beans — the MCP prober, the local secret resolver, the DynamoDB adapters on
 * DynamoDB Local — probing real MCP Java SDK servers on loopback, fed a real SQS event from the probe queue.
 */
class ProbeHandlerTest {

    static final String RIGHT_TOKEN = "canary-right-token-7f3a9c";
    static final String WRONG_TOKEN = "canary-wrong-token-b81d2e";

    @TempDir
    static Path secretsDir;
    static RunningServer open;
    static RunningServer locked;
    static EmbeddedDynamoDb dynamoDb;
    static EventBridgeStandIn eventBridge;
    static ApplicationContext context;
    static final EmfLines emf = new EmfLines();

    @BeforeAll
    static void start() throws IOException {
        open = JavaSdkServers.builder("open", "1.0.0").standardTools().start();
        locked = JavaSdkServers.builder("locked", "1.0.0").standardTools().requireBearerToken(RIGHT_TOKEN).start();
        dynamoDb = EmbeddedDynamoDb.inMemory();
        eventBridge = new EventBridgeStandIn();
        Path secrets = secretsDir.resolve("secrets.yaml");
        Files.writeString(secrets, "mcpulse/wrong-token: " + WRONG_TOKEN + "\n");
        context = ApplicationContext.builder()
                .properties(Map.of(
                        // the servers are on loopback, which only the local runner's URL policy lets the probe dial
                        "mcpulse.local.mode", "true",
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.secrets.source", "local",
                        "mcpulse.secrets.file", secrets.toString(),
                        "mcpulse.event.bus.name", "mcpulse-test-bus",
                        "mcpulse.eventbridge.endpoint", eventBridge.url().toString(),
                        // metrics on, as in a Lambda function of this name; the lines are captured, not printed
                        "mcpulse.metrics.function-name", "mcpulse-prod-ProbeFunction-Test"))
                .singletons(dynamoDb.client(), emf)
                .start();
        EndpointParser parser = new EndpointParser(UrlPolicy.local());
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        registry.put(valid(parser.parse(Map.of("id", "healthy", "url", open.url().toString()))));
        registry.put(valid(parser.parse(Map.of("id", "wrong-token", "url", locked.url().toString(),
                "auth", Map.of("type", "bearer", "secret", "mcpulse/wrong-token")))));
        registry.put(valid(parser.parse(Map.of("id", "missing-secret", "url", locked.url().toString(),
                "auth", Map.of("type", "bearer", "secret", "mcpulse/never-created")))));
    }

    static dev.mcpulse.domain.endpoint.Endpoint valid(EndpointParser.Result result) {
        return ((EndpointParser.Result.Valid) result).endpoint();
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamoDb.close();
        eventBridge.close();
        open.close();
        locked.close();
    }

    @Test
    void aShardFromTheQueueIsProbedConcurrentlyAndEverySnapshotStoredWhileAMalformedSiblingIsReportedAlone() {
        // Two messages from the probe queue: a shard, and a message that is not one (left for a retry, then the DLQ).
        SQSEvent fromQueue = EventLoader.loadSQSEvent("events/sqs-event.json");
        emf.clear();

        SQSBatchResponse response = new ProbeHandler(context).handleRequest(fromQueue, new TestLambdaContext("req-1", 60_000));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(fromQueue.getRecords().get(1).getMessageId());
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        HealthSnapshot healthy = snapshots.latest(new EndpointId("healthy")).orElseThrow();
        assertThat(healthy.outcome()).isEqualTo(OutcomeKind.OK);
        assertThat(healthy.era()).contains(Era.LEGACY_STREAMABLE_HTTP);
        assertThat(healthy.serverName()).contains("open");
        assertThat(healthy.toolsCount()).hasValueSatisfying(count -> assertThat(count).isPositive());
        assertThat(healthy.toolsHash()).isPresent();

        HealthSnapshot rejected = snapshots.latest(new EndpointId("wrong-token")).orElseThrow();
        assertThat(rejected.outcome()).isEqualTo(OutcomeKind.AUTH_REJECTED);
        assertThat(rejected.httpStatus()).contains(401);
        assertThat(rejected.consecutiveAuthFailures()).isEqualTo(1);

        HealthSnapshot missing = snapshots.latest(new EndpointId("missing-secret")).orElseThrow();
        assertThat(missing.outcome()).isEqualTo(OutcomeKind.AUTH_MISSING);
        assertThat(missing.failedStep()).contains(ProbeStep.RESOLVE_SECRET);

        assertThat(snapshots.history(new EndpointId("healthy"), 10)).hasSize(1);
        assertThat(snapshots.latest(new EndpointId("deleted-since"))).isEmpty();
        assertThat(String.valueOf(rejected) + missing + healthy).doesNotContain(WRONG_TOKEN).doesNotContain(RIGHT_TOKEN);

        // Status changes go to EventBridge for alert routing; a missing secret was already unhealthy before any check.
        JsonMapper json = context.getBean(JsonMapper.class);
        List<Map<String, Object>> events = eventBridge.putEventsBodies.stream()
                .flatMap(body -> entries(json, body).stream()).toList();
        assertThat(events).allSatisfy(event -> {
            assertThat(event).containsEntry("Source", "mcpulse").containsEntry("DetailType", "Endpoint Status Changed")
                    .containsEntry("EventBusName", "mcpulse-test-bus");
        });
        assertThat(events).extracting(event -> event.get("Detail").toString())
                .anySatisfy(detail -> assertThat(detail).contains("\"id\":\"healthy\"",
                        "\"from\":\"configured_but_unconnected\"", "\"to\":\"connected\"", "\"reason\":\"ok\"",
                        "\"checkedAt\""))
                .anySatisfy(detail -> assertThat(detail).contains("\"id\":\"wrong-token\"", "\"to\":\"unhealthy\"",
                        "\"reason\":\"auth_rejected\""))
                .noneSatisfy(detail -> assertThat(detail).contains("missing-secret"))
                .allSatisfy(detail -> assertThat(detail).doesNotContain(WRONG_TOKEN));

        // Metrics: one EMF line for the shard (CloudWatch extracts it from the log group).
        assertOneEmfLineMatchingWhatWasStored();
    }

    /** The shard's one EMF line: its counts by outcome and status are what was stored; no endpoint is named. */
    static void assertOneEmfLineMatchingWhatWasStored() {
        assertThat(emf.lines()).as("one EMF line per shard").hasSize(1);
        Map<String, Object> line = emf.documents(context.getBean(JsonMapper.class)).getFirst();
        @SuppressWarnings("unchecked")
        Map<String, Object> aws = (Map<String, Object>) line.get("_aws");
        assertThat(aws.get("Timestamp")).isInstanceOf(Number.class);
        assertThat(aws.get("CloudWatchMetrics")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement().satisfies(directive -> {
                    assertThat(((Map<?, ?>) directive).get("Namespace")).isEqualTo("mcpulse");
                    assertThat(((Map<?, ?>) directive).get("Dimensions")).isEqualTo(List.of(List.of("FunctionName")));
                });
        assertThat(line).containsEntry("FunctionName", "mcpulse-prod-ProbeFunction-Test");

        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        List<HealthSnapshot> stored = List.of("healthy", "wrong-token", "missing-secret").stream()
                .map(id -> snapshots.latest(new EndpointId(id)).orElseThrow()).toList();
        for (OutcomeKind outcome : OutcomeKind.values()) {
            long expected = stored.stream().filter(s -> s.outcome() == outcome).count();
            if (expected == 0) { // a count of zero is not sent (CloudWatch bills a metric for each hour it is sent)
                assertThat(line).as(outcome.code()).doesNotContainKey(MetricNames.outcome(outcome));
            } else {
                assertThat(((Number) line.get(MetricNames.outcome(outcome))).longValue()).as(outcome.code())
                        .isEqualTo(expected);
            }
        }
        assertThat(line).containsEntry(MetricNames.status(Status.CONNECTED), 1)
                .containsEntry(MetricNames.status(Status.UNHEALTHY), 2)
                .doesNotContainKeys(MetricNames.status(Status.CONFIGURED_BUT_UNCONNECTED), MetricNames.STORE_FAILURES,
                        MetricNames.PROBER_FAILURES);
        assertThat(line.get(MetricNames.PROBE_LATENCY)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(3).allSatisfy(ms -> assertThat(((Number) ms).longValue()).isNotNegative());
        assertThat(emf.lines().getFirst()).doesNotContain(WRONG_TOKEN, RIGHT_TOKEN, "\"healthy\"", "wrong-token", "missing-secret",
                open.url().toString());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(JsonMapper json, String body) {
        try {
            return (List<Map<String, Object>>) json.readValue(body, Map.class).get("Entries");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Retries of probes spoiled by local overload must end inside the invocation, whose time Lambda's context tells. */
    @Test
    void aShardMayTakeWhatIsLeftOfTheInvocationAsLambdasContextTellsIt() {
        ProbeHandler handler = new ProbeHandler(context);

        handler.handleRequest(new SQSEvent(), new TestLambdaContext("req-time-1", 45_000));
        assertThat(handler.timeRemaining()).isEqualTo(java.time.Duration.ofSeconds(45));
        handler.handleRequest(new SQSEvent(), new TestLambdaContext("req-time-2", 12_000));
        assertThat(handler.timeRemaining()).as("the invocation's own context, not an earlier one's")
                .isEqualTo(java.time.Duration.ofSeconds(12));
    }

    @Test
    void aShardRequestThatIsNotAShardIsRefusedLoudly() {
        var malformed = new ShardRequest("yesterday", 0, java.util.List.of("../etc"), -1);

        assertThatThrownBy(() -> new ProbeHandler(context).probe(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message is not a shard request from the scheduler");
    }

    @Test
    void aBatchWhoseEveryShardFailedFailsTheInvocation() {
        // Lambda's error metric (ProbeErrorsAlarm) sees it; SQS retries the batch as it would reported items.
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-event.json");
        event.setRecords(List.of(event.getRecords().get(1)));
        SQSEvent.SQSMessage notJson = new SQSEvent.SQSMessage();
        notJson.setMessageId("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5");
        notJson.setBody("not json at all");
        event.setRecords(List.of(event.getRecords().getFirst(), notJson));

        assertThatThrownBy(() -> new ProbeHandler(context).handleRequest(event, new TestLambdaContext("req-2", 60_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message is not a shard request from the scheduler");
    }

    /** Only a message SQS counts as received once is a first delivery; a late retry must probe every endpoint. */
    @Test
    void aMessageIsAFirstDeliveryOnlyWhenSqsCountsItReceivedOnce() {
        SQSEvent.SQSMessage first = new SQSEvent.SQSMessage();
        first.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent.SQSMessage again = new SQSEvent.SQSMessage();
        again.setAttributes(Map.of("ApproximateReceiveCount", "2"));
        SQSEvent.SQSMessage uncounted = new SQSEvent.SQSMessage();

        assertThat(ProbeHandler.deliveryOf(first)).isEqualTo(ShardProbe.Delivery.FIRST);
        assertThat(ProbeHandler.deliveryOf(again)).isEqualTo(ShardProbe.Delivery.AGAIN);
        assertThat(ProbeHandler.deliveryOf(uncounted)).isEqualTo(ShardProbe.Delivery.AGAIN);
    }
}
