package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static dev.mcpulse.probe.TestEndpoints.queued;
import static dev.mcpulse.probe.TestEndpoints.shard;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.ManualClock;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault: the probe queue falls behind (its MaximumConcurrency reached, a slow region). The next cycle sends the same
 * endpoints again while the first cycle's shard still waits, and both shards come late, one after the other. The
 * first probes the endpoints; the second finds each checked since its cycle began and probes none, so the backlog
 * drains instead of costing a fleet's probes per cycle it waited through. The second shard delivered again (a
 * retry) probes them all: its batch would replace its first attempt's. Real handler, DynamoDB Local, an MCP Java SDK
 * server; the history counts the checks.
 */
class ProbeQueueBacklogIT {

    static final Instant T0 = ManualClock.realNowToTheMinute();
    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final List<String> IDS = List.of("backlog-1", "backlog-2", "backlog-3");

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aLateShardOfTheNextCycleLeavesOutWhatTheFirstCheckedAndItsRetryChecksThemAgain() {
        RunningServer healthy = started(JavaSdkServers.builder("healthy", "1.0.0").standardTools().start());
        EmbeddedDynamoDb dynamoDb = started(EmbeddedDynamoDb.inMemory());
        ManualClock clock = new ManualClock(T0);
        ApplicationContext context = started(ProbeContexts.withLocalSecrets(dynamoDb, clock, INTERVAL));
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        IDS.forEach(id -> registry.put(endpoint(Map.of("id", id, "url", healthy.url().toString()))));
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        ProbeHandler handler = new ProbeHandler(context);
        Instant nextCycle = T0.plus(INTERVAL);
        // Both shards were due at their cycle's start (no jitter); they come 150 s and 90 s after it.
        clock.set(nextCycle.plusSeconds(90));

        assertThat(handler.handleRequest(queued(shard(T0, IDS)), new TestLambdaContext("first-cycle", 60_000))
                .getBatchItemFailures()).isEmpty();
        assertThat(checksOf(snapshots)).as("checks per endpoint after the first cycle's late shard")
                .containsOnly(Map.entry(1, 3L));

        clock.advance(Duration.ofSeconds(1));
        assertThat(handler.handleRequest(queued(shard(nextCycle, IDS)), new TestLambdaContext("next-cycle", 60_000))
                .getBatchItemFailures()).isEmpty();
        assertThat(checksOf(snapshots)).as("the next cycle's late shard probed none again").containsOnly(Map.entry(1, 3L));

        clock.advance(Duration.ofSeconds(1));
        SQSEvent retry = queued(shard(nextCycle, IDS));
        retry.getRecords().getFirst().setAttributes(Map.of("ApproximateReceiveCount", "2"));
        assertThat(handler.handleRequest(retry, new TestLambdaContext("next-cycle-retry", 60_000))
                .getBatchItemFailures()).isEmpty();
        assertThat(checksOf(snapshots)).as("its retry probed every endpoint").containsOnly(Map.entry(2, 3L));
        for (String id : IDS) {
            HealthSnapshot stored = snapshots.latest(new EndpointId(id)).orElseThrow();
            assertThat(stored.connected()).as(id).isTrue();
            assertThat(stored.checkedAt()).as(id + ": the retry's check is the one stored")
                    .isAfter(nextCycle.plusSeconds(91));
        }
    }

    /** How many endpoints have each number of checks in their history: {checks → endpoints}. */
    private static Map<Integer, Long> checksOf(SnapshotStore snapshots) {
        return IDS.stream().map(id -> snapshots.history(new EndpointId(id), 10))
                .collect(Collectors.groupingBy(List::size, Collectors.counting()));
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }
}
