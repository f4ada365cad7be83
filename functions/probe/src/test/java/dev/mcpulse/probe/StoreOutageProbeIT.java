package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static dev.mcpulse.probe.TestEndpoints.shard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusReason;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.dynamodblocal.DynamoDbLocalServer;
import dev.mcpulse.dynamodblocal.TableSetup;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.storage.dynamodb.DynamoDbClients;
import dev.mcpulse.storage.dynamodb.DynamoDbStorageConfiguration;
import dev.mcpulse.testsupport.ManualClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fault: DynamoDB stops while a probe shard is in flight. DynamoDB Local runs as a server on loopback with its data
 * in a directory; the probe handler's own DynamoDB client (the production retry strategy) points at it. The store
 * is stopped after half the shard was written and while the other half is still probing: the invocation must fail
 * loudly, naming how many snapshots were lost, rather than return a summary. Started again on the same port, the
 * next invocation writes every snapshot. In between, no endpoint may show {@code connected} from a snapshot older
 * than its stale window.
 */
class StoreOutageProbeIT {

    static final Instant T0 = ManualClock.realNowToTheMinute();
    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final String TABLE = "mcpulse";
    /** The invocation's time budget, as the Lambda context gives it. */
    static final int BUDGET_MS = 60_000;
    static final List<String> FAST = List.of("fast-1", "fast-2", "fast-3");
    static final List<String> SLOW = List.of("slow-1", "slow-2", "slow-3");

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final ExecutorService invocations = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws Exception {
        invocations.shutdownNow();
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aStoreStoppedMidShardFailsTheInvocationLoudlyAndTheNextOneAfterItsRestartWritesEverySnapshot() throws Exception {
        GatedTool gate = new GatedTool("gated_ready");
        RunningServer fast = started(JavaSdkServers.builder("fast", "1.0.0").standardTools().start());
        RunningServer slow = started(JavaSdkServers.builder("slow", "1.0.0").standardTools().tool(gate.tool()).start());
        DynamoDbLocalServer[] store = {DynamoDbLocalServer.start(dataDir, 0)};
        started.add(() -> store[0].close());
        int port = store[0].port();
        try (DynamoDbClient admin = adminClient(store[0])) {
            TableSetup.createIfMissing(admin, TABLE);
        }
        ManualClock clock = new ManualClock(T0);
        EmfLines emf = new EmfLines();
        ApplicationContext context = started(ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.storage.dynamodb.table-name", TABLE,
                        "mcpulse.storage.dynamodb.endpoint", store[0].endpoint().toString(),
                        "mcpulse.local.mode", "true", // the MCP servers are on loopback
                        "mcpulse.secrets.source", "local",
                        "mcpulse.probe.interval.seconds", String.valueOf(INTERVAL.toSeconds()),
                        "mcpulse.metrics.function-name", "mcpulse-probe-outage"))
                .singletons(clock, emf)
                .start());
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        // Generous deadlines (a first probe on a busy machine can take seconds), one stale window for all: 110 s.
        FAST.forEach(id -> registry.put(endpoint(Map.of("id", id, "url", fast.url().toString(), "timeoutMs", 20_000))));
        SLOW.forEach(id -> registry.put(endpoint(Map.of("id", id, "url", slow.url().toString(), "timeoutMs", 20_000,
                "readiness", Map.of("tool", gate.name())))));
        List<String> shardIds = Stream.concat(FAST.stream(), SLOW.stream()).toList();
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        ProbeHandler handler = new ProbeHandler(context);

        // Cycle 1: the store is up; every snapshot is written.
        ShardSummary first = handler.probe(shard(T0, shardIds));
        assertThat(first.probed()).isEqualTo(6);
        assertThat(first.connected()).isEqualTo(6);

        // Cycle 2: the slow half is held in its readiness call; the fast half is written meanwhile; then the store stops.
        Instant cycle2 = T0.plus(INTERVAL);
        clock.set(cycle2);
        gate.holdNext(SLOW.size());
        Future<ShardSummary> second = invocations.submit(() ->
                handler.probe(shard(cycle2, shardIds)));
        assertThat(gate.awaitHeld(SLOW.size(), Duration.ofSeconds(30))).as("slow probes in flight").isTrue();
        awaitWritten(snapshots, FAST, cycle2);
        store[0].close();
        long stoppedAt = System.nanoTime();
        gate.open();

        Throwable failure = failureOf(second);
        Duration failedAfter = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(failure).isInstanceOf(EndpointChecker.StorageFailure.class)
                .hasMessage("3 of 6 snapshots could not be stored, nor the history of 6 checks");
        // The SDK's retries against a refused connection end well inside the invocation's budget: no hang.
        assertThat(failedAfter).isLessThan(Duration.ofMillis(BUDGET_MS));
        // Each shard wrote its EMF line, the failed one too: 3 snapshots and the history batch failed.
        JsonMapper json = context.getBean(JsonMapper.class);
        List<Map<String, Object>> metrics = emf.documents(json);
        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0)).doesNotContainKey(MetricNames.STORE_FAILURES) // zero: not sent
                .containsEntry(MetricNames.outcome(OutcomeKind.OK), 6);
        assertThat(metrics.get(1)).containsEntry(MetricNames.STORE_FAILURES, 4)
                .containsEntry(MetricNames.outcome(OutcomeKind.OK), 6)
                .containsEntry(MetricNames.status(Status.CONNECTED), 3)
                .containsEntry("FunctionName", "mcpulse-probe-outage");

        // The store comes back on the same port with its data; nothing was silently written or lost.
        store[0] = DynamoDbLocalServer.start(dataDir, port);
        for (String id : FAST) {
            assertThat(snapshots.latest(new EndpointId(id)).orElseThrow().checkedAt()).isEqualTo(cycle2);
        }
        for (String id : SLOW) {
            assertThat(snapshots.latest(new EndpointId(id)).orElseThrow().checkedAt()).isEqualTo(T0);
        }

        // Until the next cycle, status derived from what is stored: the slow half turns stale once its window has
        // passed, and nothing is ever connected from a snapshot older than its window.
        FleetQuery fleet = context.getBean(FleetQuery.class);
        Duration staleWindow = INTERVAL.plus(Duration.ofSeconds(20)).plus(Duration.ofSeconds(30));
        for (long seconds : new long[] {61, 90, staleWindow.toSeconds(), staleWindow.toSeconds() + 1, 119}) {
            clock.set(T0.plusSeconds(seconds));
            for (FleetQuery.EndpointView view : fleet.list(FleetQuery.Filter.NONE).endpoints()) {
                HealthSnapshot snapshot = view.snapshot().orElseThrow();
                Duration window = INTERVAL.plus(view.endpoint().timeout()).plus(Duration.ofSeconds(30));
                Duration age = Duration.between(snapshot.checkedAt(), clock.instant());
                if (view.status().status() == Status.CONNECTED) {
                    assertThat(age).as("%s connected at T0+%ds", view.endpoint().id(), seconds).isLessThanOrEqualTo(window);
                }
                if (age.compareTo(window) > 0) {
                    assertThat(view.status().status()).isEqualTo(Status.CONFIGURED_BUT_UNCONNECTED);
                    assertThat(view.status().reason()).isEqualTo(StatusReason.STALE);
                }
            }
        }
        assertThat(fleet.list(FleetQuery.Filter.NONE).summary().stale()).isEqualTo(SLOW.size());

        // Cycle 3 after the restart: every snapshot is written.
        Instant cycle3 = T0.plus(INTERVAL.multipliedBy(2));
        clock.set(cycle3);
        ShardSummary third = handler.probe(shard(cycle3, shardIds));
        assertThat(third.probed()).isEqualTo(6);
        assertThat(third.connected()).isEqualTo(6);
        for (String id : shardIds) {
            EndpointId endpointId = new EndpointId(id);
            assertThat(snapshots.latest(endpointId).orElseThrow().checkedAt()).isEqualTo(cycle3);
            // History: cycles 1 (kept across the restart) and 3. A shard appends its history in one batch at its end,
            // so cycle 2's went with the outage, even for the fast half whose snapshots were written.
            assertThat(snapshots.history(endpointId, 10)).extracting(HistoryEntry::checkedAt)
                    .containsExactly(cycle3, T0);
        }
        assertThat(fleet.list(FleetQuery.Filter.NONE).endpoints())
                .allSatisfy(view -> assertThat(view.status().status()).isEqualTo(Status.CONNECTED));
        System.out.printf("FIGURES store outage: cycle 1 wrote 6/6; cycle 2 wrote 3/6 then failed after the stop in %d ms"
                + " (\"%s\", budget %d ms); stale after restart: %d/6, connected from a snapshot past its window: 0;"
                + " cycle 3 after the restart wrote %d/6%n", failedAfter.toMillis(), failure.getMessage(), BUDGET_MS,
                SLOW.size(), third.probed());
    }

    private static void awaitWritten(SnapshotStore snapshots, List<String> ids, Instant checkedAt)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (ids.stream().allMatch(id -> snapshots.latest(new EndpointId(id))
                    .filter(s -> s.checkedAt().equals(checkedAt)).isPresent())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the fast half of the shard was not written within 30 s");
    }

    private static Throwable failureOf(Future<ShardSummary> invocation) throws InterruptedException {
        try {
            ShardSummary summary = invocation.get(BUDGET_MS + 5_000, TimeUnit.MILLISECONDS);
            throw new AssertionError("the invocation returned a summary although snapshots were lost: " + summary);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the invocation did not end within its budget + 5 s");
        }
    }

    private static DynamoDbClient adminClient(DynamoDbLocalServer server) {
        DynamoDbStorageConfiguration config = new DynamoDbStorageConfiguration();
        config.setEndpoint(server.endpoint());
        return DynamoDbClients.build(config);
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }
}
