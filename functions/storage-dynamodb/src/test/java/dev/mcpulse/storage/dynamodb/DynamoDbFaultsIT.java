package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.minimalEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.InfrastructureFailure;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import dev.mcpulse.domain.service.EndpointChecker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Faults DynamoDB Local cannot produce, from a protocol-level stand-in: throttling and transient errors are
 * retried by the SDK's strategy as configured; what still fails reaches the caller as an exception.
 */
class DynamoDbFaultsIT {

    private static final int ATTEMPTS = 3;

    private static DynamoDbClient clientFor(URI endpoint) {
        DynamoDbStorageConfiguration config = new DynamoDbStorageConfiguration();
        config.setEndpoint(endpoint);
        config.setMaxAttempts(ATTEMPTS);
        config.setRetryBaseDelay(Duration.ofMillis(5));
        config.setThrottlingBaseDelay(Duration.ofMillis(5));
        config.setMaxBackoff(Duration.ofMillis(20));
        config.setAttemptTimeout(Duration.ofSeconds(2));
        return DynamoDbClients.build(config);
    }

    private static DynamoDbSnapshotStore store(DynamoDbClient client) {
        return new DynamoDbSnapshotStore(client, "t", Duration.ofDays(7));
    }

    @Test
    void throttledWritesAreRetriedWithBackOffUntilTheyGoThrough() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        try (var standIn = new DynamoDbStandIn(r -> puts.incrementAndGet() <= 2
                ? DynamoDbStandIn.Reply.error(400, "ProvisionedThroughputExceededException")
                : DynamoDbStandIn.Reply.ok("{}"));
             DynamoDbClient client = clientFor(standIn.endpoint())) {

            PutResult result = store(client).putIfNewer(okSnapshot(id("ep"), T0), Optional.empty());

            assertThat(result).isEqualTo(PutResult.WRITTEN);
            assertThat(standIn.count("PutItem")).isEqualTo(3);
            // The first snapshot's condition: nothing checked is stored, and no change superseded this check.
            assertThat(standIn.requests().getFirst().body()).contains("attribute_not_exists(checkedAt)")
                    .contains("attribute_not_exists(supersededAt) OR supersededAt < :checkedAt");
        }
    }

    @Test
    void aWriteThatKeepsFailingReachesTheCallerAfterTheConfiguredAttempts() throws Exception {
        try (var standIn = new DynamoDbStandIn(r -> DynamoDbStandIn.Reply.error(500, "InternalServerError"));
             DynamoDbClient client = clientFor(standIn.endpoint())) {

            assertThatThrownBy(() -> store(client).putIfNewer(okSnapshot(id("ep"), T0), Optional.empty()))
                    .isInstanceOf(InfrastructureFailure.class)
                    .hasMessage("DynamoDB PutItem: InternalServerError, HTTP 500, request id STANDIN-" + ATTEMPTS)
                    .cause().isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThat(standIn.count("PutItem")).isEqualTo(ATTEMPTS);
        }
    }

    @Test
    void aFailureIsDescribedByErrorCodeStatusAndRequestIdAndNeverByTheServicesMessage() throws Exception {
        try (var standIn = new DynamoDbStandIn(r -> DynamoDbStandIn.Reply.error(400,
                "ProvisionedThroughputExceededException"));
             DynamoDbClient client = clientFor(standIn.endpoint())) {
            var snapshots = store(client);

            assertThatThrownBy(() -> snapshots.putIfNewer(okSnapshot(id("ep"), T0), Optional.empty()))
                    .isInstanceOf(InfrastructureFailure.class)
                    .hasMessage("DynamoDB PutItem: ProvisionedThroughputExceededException, HTTP 400, request id STANDIN-3")
                    .satisfies(e -> assertThat(FailureDescription.of(e)).doesNotContain("stand-in says"));
            assertThatThrownBy(() -> snapshots.latest(id("ep")))
                    .hasMessage("DynamoDB GetItem: ProvisionedThroughputExceededException, HTTP 400, request id STANDIN-6");
            // What the probe function logs and throws when such a write fails in a shard.
            assertThat(FailureDescription.of(new EndpointChecker.StorageFailure("1 of 1 snapshots could not be stored",
                    catchRuntime(() -> snapshots.appendHistory(List.of(new HistoryEntry(id("ep"), T0,
                            dev.mcpulse.domain.health.OutcomeKind.OK, Optional.empty(), 12L)))))))
                    .isEqualTo("1 of 1 snapshots could not be stored: DynamoDB BatchWriteItem:"
                            + " ProvisionedThroughputExceededException, HTTP 400, request id STANDIN-9");
        }
    }

    @Test
    void aFailingFleetPartitionFailsTheWholeListingAfterTheOtherPartitionsAnswered() throws Exception {
        try (var standIn = new DynamoDbStandIn(r -> r.body().contains("\"FLEET#3\"")
                ? DynamoDbStandIn.Reply.error(500, "InternalServerError")
                : DynamoDbStandIn.Reply.ok("{\"Items\":[],\"Count\":0}"));
             DynamoDbClient client = clientFor(standIn.endpoint())) {
            var registry = new DynamoDbEndpointRegistry(client, "t");

            assertThatThrownBy(registry::list).isInstanceOf(InfrastructureFailure.class)
                    .hasMessageStartingWith("DynamoDB Query: InternalServerError, HTTP 500, request id STANDIN-");
            // 15 partitions answered once each; FLEET#3 was tried the configured number of times.
            assertThat(standIn.count("Query")).isEqualTo(15 + ATTEMPTS);
            assertThatThrownBy(() -> registry.page(Optional.empty(), 100)).isInstanceOf(InfrastructureFailure.class)
                    .hasMessageStartingWith("DynamoDB Query: InternalServerError, HTTP 500");
        }
    }

    private static RuntimeException catchRuntime(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    @Test
    void anUnreachableTableIsAnExceptionNotASilentDrop() throws Exception {
        URI closed;
        try (var standIn = new DynamoDbStandIn(r -> DynamoDbStandIn.Reply.ok("{}"))) {
            closed = standIn.endpoint();
        }
        try (DynamoDbClient client = clientFor(closed)) {
            assertThatThrownBy(() -> store(client).putIfNewer(okSnapshot(id("ep"), T0), Optional.empty()))
                    .isInstanceOf(InfrastructureFailure.class).hasMessageStartingWith("DynamoDB PutItem: no answer (")
                    .hasCauseInstanceOf(SdkClientException.class);
            assertThatThrownBy(() -> new DynamoDbCycleLog(client, "t").last()).isInstanceOf(InfrastructureFailure.class)
                    .hasCauseInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void unprocessedBatchItemsAreSentAgainUntilWritten() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        try (var standIn = new DynamoDbStandIn(r -> batches.incrementAndGet() == 1
                ? DynamoDbStandIn.Reply.ok(r.body().replaceFirst("\"RequestItems\"", "\"UnprocessedItems\""))
                : DynamoDbStandIn.Reply.ok("{}"));
             DynamoDbClient client = clientFor(standIn.endpoint())) {

            new DynamoDbEndpointRegistry(client, "t", 0, new BatchWriter.RetryPause(4, Duration.ofMillis(1), Duration.ofMillis(5)))
                    .putAll(List.of(minimalEndpoint("a"), minimalEndpoint("b")));

            assertThat(standIn.count("BatchWriteItem")).isEqualTo(2);
            assertThat(standIn.requests().get(1).body()).contains("ENDPOINT#a").contains("ENDPOINT#b");
        }
    }

    @Test
    void anImportIsSentInChunksOf25AndFailsLoudlyWhenItemsStayUnprocessed() throws Exception {
        try (var standIn = new DynamoDbStandIn(r ->
                DynamoDbStandIn.Reply.ok(r.body().replaceFirst("\"RequestItems\"", "\"UnprocessedItems\"")));
             DynamoDbClient client = clientFor(standIn.endpoint())) {
            var registry = new DynamoDbEndpointRegistry(client, "t", 0,
                    new BatchWriter.RetryPause(4, Duration.ofMillis(1), Duration.ofMillis(5)));

            assertThatThrownBy(() -> registry.putAll(IntStream.range(0, 30).mapToObj(i -> minimalEndpoint("e" + i)).toList()))
                    .isInstanceOf(UnprocessedItemsException.class)
                    .hasMessage("25 of 25 items were still unprocessed by table t after 4 attempts");
            assertThat(standIn.count("BatchWriteItem")).isEqualTo(4);
        }
    }

    @Test
    void unprocessedBatchKeysAreAskedForAgainAndFailLoudlyWhenTheyStayUnprocessed() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        try (var standIn = new DynamoDbStandIn(r -> batches.incrementAndGet() == 1
                ? DynamoDbStandIn.Reply.ok(r.body().replaceFirst("\"RequestItems\"", "\"UnprocessedKeys\""))
                : DynamoDbStandIn.Reply.ok("{\"Responses\":{\"t\":[]}}"));
             DynamoDbClient client = clientFor(standIn.endpoint())) {
            var pause = new BatchWriter.RetryPause(4, Duration.ofMillis(1), Duration.ofMillis(5));

            assertThat(new DynamoDbEndpointRegistry(client, "t", 0, pause).getAll(List.of(id("a"), id("b")))).isEmpty();
            assertThat(standIn.count("BatchGetItem")).isEqualTo(2);
            assertThat(standIn.requests().get(1).body()).contains("ENDPOINT#a").contains("ENDPOINT#b");
        }
        try (var standIn = new DynamoDbStandIn(r ->
                DynamoDbStandIn.Reply.ok(r.body().replaceFirst("\"RequestItems\"", "\"UnprocessedKeys\"")));
             DynamoDbClient client = clientFor(standIn.endpoint())) {
            var registry = new DynamoDbEndpointRegistry(client, "t", 0,
                    new BatchWriter.RetryPause(4, Duration.ofMillis(1), Duration.ofMillis(5)));

            assertThatThrownBy(() -> registry.getAll(List.of(id("a"), id("b"))))
                    .isInstanceOf(UnprocessedItemsException.class)
                    .hasMessage("2 of 2 items were still unprocessed by table t after 4 attempts");
            assertThat(standIn.count("BatchGetItem")).isEqualTo(4);
        }
    }
}
