package dev.mcpulse.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real handler with its real beans: the DynamoDB adapters on DynamoDB Local, and the real SQS client sending to
 * the probe queue on ElasticMQ (an SQS-compatible server in this JVM).
 */
class SchedulerHandlerTest {

    ElasticMq sqs;
    ElasticMq.ProbeQueues queues;
    EmbeddedDynamoDb dynamoDb;
    ApplicationContext context;
    EndpointRegistry registry;
    CycleLog cycles;
    EmfLines emf;

    @BeforeEach
    void start() throws Exception {
        sqs = new ElasticMq();
        queues = sqs.probeQueues("mcpulse-probe", 3, Duration.ofSeconds(360));
        dynamoDb = EmbeddedDynamoDb.inMemory();
        emf = new EmfLines();
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.probe.queue.url", queues.queueUrl(),
                        "mcpulse.sqs.endpoint", sqs.endpoint().toString(),
                        "mcpulse.shard.size", "25",
                        "mcpulse.jitter.seconds", "30",
                        // metrics on, as in a Lambda function of this name; the lines are captured, not printed
                        "mcpulse.metrics.function-name", "mcpulse-prod-SchedulerFunction-Test"))
                .singletons(dynamoDb.client(), emf)
                .start();
        registry = context.getBean(EndpointRegistry.class);
        cycles = context.getBean(CycleLog.class);
    }

    @AfterEach
    void stop() {
        context.close();
        dynamoDb.close();
        sqs.close();
    }

    static Endpoint endpoint(int i) {
        return new Endpoint(new EndpointId(String.format("ep-%03d", i)), "EP " + i, Map.of(),
                URI.create("https://ep" + i + ".example.com/mcp"), Transport.AUTO, new AuthRef.None(),
                Duration.ofSeconds(10), Optional.empty(), true);
    }

    /**
     * Entries with many long labels: 25 of them would take the message past the 64 KiB that SQS bills as one request,
     * so the shard goes with its ids only, and its probe reads the entries.
     */
    @Test
    void aShardWhoseEntriesWouldPassOneBilledUnitOfSqsGoesWithIdsOnly() throws Exception {
        Map<String, String> labels = new java.util.HashMap<>();
        IntStream.range(0, 30).forEach(i -> labels.put("label-" + i, "x".repeat(120)));
        IntStream.range(0, 25).forEach(i -> {
            Endpoint plain = endpoint(i);
            registry.put(new Endpoint(plain.id(), plain.name(), labels, plain.url(), plain.transport(), plain.auth(),
                    plain.timeout(), plain.readiness(), true));
        });

        new SchedulerHandler(context).execute(EventLoader.loadScheduledEvent("events/scheduled-event.json"));

        List<Message> sent = sqs.client().receiveMessage(r -> r.queueUrl(queues.queueUrl()).maxNumberOfMessages(10))
                .messages();
        ShardRequest shard = read(context.getBean(JsonMapper.class), sent.getFirst().body());
        assertThat(sent).hasSize(1);
        assertThat(shard.endpointIds()).hasSize(25);
        assertThat(shard.entries()).isNull();
        assertThat(shard.registryVersion()).isNull();
        assertThat(sent.getFirst().body().length()).isLessThan(ShardRequest.BILLED_UNIT_BYTES);
    }

    @Test
    void aScheduledEventSendsOneMessagePerShardDelayedByItsPlaceInTheJitterWindow() throws Exception {
        IntStream.range(0, 60).forEach(i -> registry.put(endpoint(i)));
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled-event.json");

        CycleSummary summary = new SchedulerHandler(context).execute(event);

        assertThat(summary.endpointsDue()).isEqualTo(60);
        assertThat(summary.shardsDispatched()).isEqualTo(3);
        // Jitter 30 s over 3 shards: delays of 0, 10 and 20 s, which SQS holds back (DelaySeconds), not the probe.
        assertThat(sqs.count(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(1);
        assertThat(sqs.count(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo(2);
        JsonMapper json = context.getBean(JsonMapper.class);
        List<Message> visible = sqs.client().receiveMessage(r -> r.queueUrl(queues.queueUrl()).maxNumberOfMessages(10))
                .messages();
        assertThat(visible).singleElement().satisfies(message -> {
            ShardRequest shard = read(json, message.body());
            assertThat(shard.shardIndex()).isZero();
            assertThat(shard.startDelayMs()).isZero();
            // the shard of bucket 0: every endpoint whose id falls in it, and no other
            assertThat(shard.endpointIds()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 60)
                    .mapToObj(i -> endpoint(i).id()).filter(id -> id.bucket(3) == 0).map(EndpointId::value).toList());
            assertThat(shard.shardCount()).isEqualTo(3); // 60 endpoints spread over 3 buckets of about 25
            // with each endpoint's entry as read, and the registry's version, so its probe need not read them again
            assertThat(shard.registryVersion()).isEqualTo(registry.version().orElseThrow());
            assertThat(shard.toShard().flatMap(ProbeShard::entries).orElseThrow().entries())
                    .containsExactlyElementsOf(shard.endpointIds().stream()
                            .map(id -> registry.get(new EndpointId(id)).orElseThrow()).toList());
        });
        assertThat(cycles.last()).isPresent();

        // One EMF line for the cycle: its duration and the shards dispatched, under the function's name.
        Map<String, Object> metrics = emf.documents(json).getFirst();
        assertThat(emf.lines()).hasSize(1);
        assertThat(metrics).containsEntry("FunctionName", "mcpulse-prod-SchedulerFunction-Test")
                .containsEntry(MetricNames.SHARDS_DISPATCHED, 3)
                .containsEntry(MetricNames.ENDPOINTS_DUE, 60)
                // counts of zero are not sent (CloudWatch bills a metric for each hour it is sent)
                .doesNotContainKeys(MetricNames.SHARDS_FAILED, MetricNames.STORE_FAILURES);
        assertThat(((Number) metrics.get(MetricNames.CYCLE_DURATION)).longValue()).isNotNegative();
        assertThat(metrics.get("_aws").toString()).contains("Namespace=mcpulse", "Dimensions=[[FunctionName]]",
                "{Name=" + MetricNames.CYCLE_DURATION + ", Unit=Milliseconds}");
    }

    @Test
    void registryEntriesAnOlderReleaseStoredUnderTheOneFleetPartitionAreMovedAndDueInTheFirstCycle() {
        IntStream.range(0, 30).forEach(i -> registry.put(endpoint(i)));
        // The same items under the single pk "FLEET", as the release before the spread wrote them.
        var client = dynamoDb.client();
        client.scan(b -> b.tableName(dynamoDb.tableName())).items().forEach(item -> {
            var legacy = new java.util.HashMap<>(item);
            legacy.put("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("FLEET"));
            client.putItem(b -> b.tableName(dynamoDb.tableName()).item(legacy));
            client.deleteItem(b -> b.tableName(dynamoDb.tableName()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        });
        assertThat(registry.list()).isEmpty();

        CycleSummary summary = new SchedulerHandler(context).execute(new ScheduledEvent());

        assertThat(summary.endpointsDue()).isEqualTo(30);
        assertThat(registry.list()).extracting(Endpoint::id).containsExactlyElementsOf(
                IntStream.range(0, 30).mapToObj(i -> endpoint(i).id()).toList());
    }

    @Test
    void shardsGoTenToABatchAndEveryOneArrives() {
        IntStream.range(0, 230).forEach(i -> registry.put(endpoint(i)));
        context.close();
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.probe.queue.url", queues.queueUrl(),
                        "mcpulse.sqs.endpoint", sqs.endpoint().toString(),
                        "mcpulse.shard.size", "10"))
                .singletons(dynamoDb.client())
                .start();

        CycleSummary summary = new SchedulerHandler(context).execute(new ScheduledEvent());

        assertThat(summary.shardsDispatched()).isEqualTo(23); // two full batches of ten and one of three
        assertThat(sqs.count(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(23);
    }

    @Test
    void aRefusedSendFailsTheCycleLoudlyAfterRecordingIt() {
        IntStream.range(0, 3).forEach(i -> registry.put(endpoint(i)));
        sqs.client().deleteQueue(d -> d.queueUrl(queues.queueUrl())); // SQS answers NonExistentQueue

        assertThatThrownBy(() -> new SchedulerHandler(context).execute(new ScheduledEvent()))
                .isInstanceOf(Scheduler.DispatchFailure.class).hasMessage("1 of 1 shards could not be dispatched");
        assertThat(cycles.last()).hasValueSatisfying(c -> assertThat(c.shardsDispatched()).isZero());
        assertThat(emf.documents(context.getBean(JsonMapper.class))).singleElement()
                .satisfies(metrics -> assertThat(metrics).containsEntry(MetricNames.SHARDS_FAILED, 1)
                        .doesNotContainKey(MetricNames.SHARDS_DISPATCHED)); // zero: not sent
    }

    static ShardRequest read(JsonMapper json, String body) {
        try {
            return json.readValue(body, ShardRequest.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
