package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.scheduler.ElasticMq;
import dev.mcpulse.scheduler.SchedulerHandler;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fan-out end to end in one JVM: the real scheduler function sends a cycle's shards to the probe queue on
 * ElasticMQ (an SQS-compatible server), and the real probe function consumes them as Lambda's event source mapping
 * would — a batch of up to ten messages in, the batch item failures out, the others deleted. A shard that fails is
 * retried alone and lands in the dead-letter queue after the queue's receive count: never lost silently.
 */
class ProbeQueueIT {

    static final int MAX_RECEIVE_COUNT = 2;

    RunningServer server;
    EmbeddedDynamoDb dynamoDb;
    ElasticMq sqs;
    ElasticMq.ProbeQueues queues;
    ApplicationContext schedulerContext;
    ApplicationContext probeContext;
    ProbeHandler probe;

    @BeforeEach
    void start() {
        server = JavaSdkServers.builder("open", "1.0.0").standardTools().start();
        dynamoDb = EmbeddedDynamoDb.inMemory();
        sqs = new ElasticMq();
        // A one-second visibility timeout, so that a failed shard is offered again at once (the template's is 6 x the
        // probe function's timeout).
        queues = sqs.probeQueues("mcpulse-probe", MAX_RECEIVE_COUNT, Duration.ofSeconds(1));
        probeContext = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.local.mode", "true", // the server is on loopback
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.secrets.source", "local",
                        // a fault no real server causes on purpose: the prober throws for this endpoint only
                        ProberFaultInjection.ENDPOINT_PROPERTY, "poisoned"))
                .singletons(dynamoDb.client())
                .start();
        probe = new ProbeHandler(probeContext);
    }

    ApplicationContext scheduler(int jitterSeconds) {
        schedulerContext = ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.probe.queue.url", queues.queueUrl(),
                        "mcpulse.sqs.endpoint", sqs.endpoint().toString(),
                        "mcpulse.shard.size", "1",
                        "mcpulse.jitter.seconds", String.valueOf(jitterSeconds)))
                .singletons(dynamoDb.client())
                .start();
        return schedulerContext;
    }

    @AfterEach
    void stop() {
        if (schedulerContext != null) {
            schedulerContext.close();
        }
        probeContext.close();
        sqs.close();
        dynamoDb.close();
        server.close();
    }

    @Test
    void eachShardArrivesAfterItsJitterDelayAndIsProbed() {
        // shards hold an id bucket each (EndpointId.bucket): these three ids fall in buckets 2, 1 and 0 of 3
        List.of("first", "alpha", "fourth").forEach(id -> register(id));
        // Jitter 60 s over 3 shards: SQS holds shards 1 and 2 back 20 and 40 s; only shard 0 is there to receive.
        new SchedulerHandler(scheduler(60)).execute(new ScheduledEvent());

        assertThat(sqs.count(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).isEqualTo(2);
        List<Message> batch = receive();
        assertThat(batch).singleElement().satisfies(message -> assertThat(shardOf(message).startDelayMs()).isZero());
        SQSBatchResponse response = deliver(batch);

        assertThat(response.getBatchItemFailures()).isEmpty();
        String probed = shardOf(batch.getFirst()).endpointIds().getFirst();
        assertThat(snapshots().latest(new EndpointId(probed))).isPresent();
        assertThat(schedulerContext.getBean(CycleLog.class).last())
                .hasValueSatisfying(cycle -> assertThat(cycle.shardsDispatched()).isEqualTo(3));
    }

    @Test
    void aFailingShardIsReportedAloneRetriedThenDeadLetteredWhileItsSiblingsAreStored() {
        // in buckets 1, 0 and 2 of 3: one shard each, so the poisoned endpoint's shard holds it alone
        List.of("sibling-1", "poisoned", "sibling-b").forEach(id -> register(id));
        new SchedulerHandler(scheduler(0)).execute(new ScheduledEvent());

        List<Message> first = receive();
        assertThat(first).hasSize(3); // one batch, as the event source mapping receives it
        SQSBatchResponse response = deliver(first);
        String poisonedMessage = first.stream().filter(m -> shardOf(m).endpointIds().contains("poisoned"))
                .findFirst().orElseThrow().messageId();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(poisonedMessage);
        assertThat(snapshots().latest(new EndpointId("sibling-1"))).isPresent();
        assertThat(snapshots().latest(new EndpointId("sibling-b"))).isPresent();
        assertThat(snapshots().latest(new EndpointId("poisoned"))).isEmpty();

        // Offered again alone after its visibility timeout, failed again, then moved to the dead-letter queue.
        List<String> redelivered = new ArrayList<>();
        for (int attempt = 0; attempt < 30 && sqs.count(queues.deadLetterQueueUrl(),
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0; attempt++) {
            List<Message> again = receive();
            again.forEach(message -> redelivered.add(message.messageId()));
            if (!again.isEmpty()) {
                assertThatThrows(() -> deliver(again)); // every shard of this batch failed: the invocation fails
            }
        }
        assertThat(redelivered).containsOnly(poisonedMessage).hasSize(MAX_RECEIVE_COUNT - 1);
        List<Message> deadLetters = sqs.client().receiveMessage(r -> r.queueUrl(queues.deadLetterQueueUrl())
                .maxNumberOfMessages(10)).messages();
        assertThat(deadLetters).singleElement()
                .satisfies(message -> assertThat(shardOf(message).endpointIds()).containsExactly("poisoned"));
        assertThat(sqs.count(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isZero();
        assertThat(sqs.count(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).isZero();
    }

    private void register(String id) {
        probeContext.getBean(EndpointRegistry.class).put(endpoint(Map.of("id", id, "url", server.url().toString(),
                "timeoutMs", 20_000)));
    }

    private SnapshotStore snapshots() {
        return probeContext.getBean(SnapshotStore.class);
    }

    /** One receive as the event source mapping makes it: up to ten messages, with their receive counts. */
    private List<Message> receive() {
        return sqs.client().receiveMessage(r -> r.queueUrl(queues.queueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }

    /**
     * What the event source mapping does with a batch: one invocation with an SQS event; the messages not reported
     * as failures are deleted; reported ones (or all, when the invocation fails) stay for a retry.
     */
    private SQSBatchResponse deliver(List<Message> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(ProbeQueueIT::record).toList());
        SQSBatchResponse response = probe.handleRequest(event, new TestLambdaContext("esm", 60_000));
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        batch.stream().filter(message -> !failed.contains(message.messageId())).forEach(message ->
                sqs.client().deleteMessage(d -> d.queueUrl(queues.queueUrl()).receiptHandle(message.receiptHandle())));
        return response;
    }

    private static SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setEventSource("aws:sqs");
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        return record;
    }

    private ShardRequest shardOf(Message message) {
        try {
            return probeContext.getBean(JsonMapper.class).readValue(message.body(), ShardRequest.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertThatThrows(Runnable invocation) {
        org.assertj.core.api.Assertions.assertThatThrownBy(invocation::run)
                .isInstanceOf(dev.mcpulse.domain.service.EndpointChecker.ProberFailure.class);
    }
}
