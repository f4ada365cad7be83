package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static dev.mcpulse.probe.TestEndpoints.queued;
import static dev.mcpulse.probe.TestEndpoints.shard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.HostnameCheck;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.RegistryEditor;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.ManualClock;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A probe in flight while its entry changes: the probe function (DynamoDB Local, real MCP Java SDK servers) holds
 * a readiness call at the old server while the registry editor points the entry at another server, or deletes it.
 * The late result describes a server the entry no longer names: no snapshot and no history of it may appear under
 * the entry, and after a delete no orphan may greet a re-created entry of the same id.
 */
class RegistryChangeInFlightIT {

    static final Instant T0 = ManualClock.realNowToTheMinute();
    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final GatedTool oldGate = new GatedTool("gated_ready");
    private RunningServer oldServer;
    private RunningServer newServer;
    private ManualClock clock;
    private EndpointRegistry registry;
    private SnapshotStore snapshots;
    private RegistryEditor editor;
    private ProbeHandler handler;
    private ProbeResultLog results;

    @BeforeEach
    void start() {
        oldServer = started(JavaSdkServers.builder("old-target", "1.0.0").standardTools().tool(oldGate.tool()).start());
        newServer = started(JavaSdkServers.builder("new-target", "2.0.0").standardTools()
                .tool(new GatedTool("gated_ready").tool()).start());
        EmbeddedDynamoDb dynamoDb = started(EmbeddedDynamoDb.inMemory());
        clock = new ManualClock(T0);
        ApplicationContext context = started(ProbeContexts.withLocalSecrets(dynamoDb, clock, INTERVAL));
        registry = context.getBean(EndpointRegistry.class);
        snapshots = context.getBean(SnapshotStore.class);
        // The api function's editor, over the same table: the probe function itself never edits the registry.
        editor = new RegistryEditor(registry, snapshots, HostnameCheck.NONE, Optional::empty, clock);
        handler = new ProbeHandler(context);
        results = started(ProbeResultLog.open());
    }

    @AfterEach
    void stop() throws Exception {
        oldGate.open();
        pool.shutdownNow();
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aResultForTheOldTargetThatArrivesAfterTheEntryMovedIsRefusedAndTheNewTargetIsCheckedNext() throws Exception {
        EndpointId id = new EndpointId("moving");
        editor.put(entry(id, oldServer));
        cycle(id, "cycle-0");
        assertThat(snapshots.latest(id)).get().extracting(HealthSnapshot::serverName).isEqualTo(Optional.of("old-target"));

        Future<SQSBatchResponse> inFlight = heldCycle(id, "held");
        clock.advance(Duration.ofSeconds(1));
        RegistryEditor.Put moved = editor.put(entry(id, newServer));
        assertThat(moved).isEqualTo(new RegistryEditor.Put.Saved(false, true));
        assertThat(snapshots.latest(id)).as("the old server's health went with the change").isEmpty();
        oldGate.open();
        inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(results.ofRequest("held")).extracting(ProbeResultLog.Result::endpointId, ProbeResultLog.Result::stored)
                .containsExactly(tuple("moving", "dropped_superseded"));
        assertThat(snapshots.latest(id)).as("no health of the old server under the moved entry").isEmpty();
        assertThat(snapshots.history(id, 10)).as("nor any history of it").isEmpty();

        clock.advance(INTERVAL);
        cycle(id, "cycle-2");
        assertThat(snapshots.latest(id)).get().extracting(HealthSnapshot::serverName).isEqualTo(Optional.of("new-target"));
        assertThat(snapshots.history(id, 10)).extracting(HistoryEntry::checkedAt).containsExactly(clock.instant());
    }

    @Test
    void aResultThatArrivesAfterTheEntryWasDeletedLeavesNoOrphanForAnEntryReCreatedUnderTheSameId() throws Exception {
        EndpointId id = new EndpointId("leaving");
        editor.put(entry(id, oldServer));
        cycle(id, "cycle-0");

        Future<SQSBatchResponse> inFlight = heldCycle(id, "held");
        clock.advance(Duration.ofSeconds(1));
        assertThat(editor.delete(id)).isTrue();
        oldGate.open();
        inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(results.ofRequest("held")).extracting(ProbeResultLog.Result::stored).containsExactly("dropped_superseded");
        assertThat(snapshots.latest(id)).as("no orphan snapshot behind the delete").isEmpty();
        assertThat(snapshots.history(id, 10)).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(editor.put(entry(id, newServer))).isEqualTo(new RegistryEditor.Put.Saved(true, false));
        assertThat(snapshots.latest(id)).as("the re-created entry starts never checked").isEmpty();
        clock.advance(INTERVAL);
        cycle(id, "cycle-2");
        assertThat(snapshots.latest(id)).get().extracting(HealthSnapshot::serverName).isEqualTo(Optional.of("new-target"));
    }

    /**
     * The scheduler read the entry (and the registry's version before it) and sent it with the shard; the entry moved
     * to another server before the shard was probed. The version moved with it, so the probe reads the entry and
     * checks the server it names now, not the one in the message.
     */
    @Test
    void aShardCarryingTheEntryAsReadBeforeItMovedChecksTheServerTheEntryNamesNow() {
        EndpointId id = new EndpointId("carried");
        editor.put(entry(id, oldServer));
        clock.advance(INTERVAL);
        ShardRequest sent = carrying(id, registry.version().orElseThrow(), registry.get(id).orElseThrow());
        clock.advance(Duration.ofSeconds(1));
        editor.put(entry(id, newServer));
        clock.advance(Duration.ofSeconds(1)); // the shard is probed after the change (the test's clock stands still)

        probe(sent, "carried");

        assertThat(results.ofRequest("carried")).extracting(ProbeResultLog.Result::stored).containsExactly("written");
        assertThat(snapshots.latest(id)).get().extracting(HealthSnapshot::serverName).isEqualTo(Optional.of("new-target"));
    }

    /**
     * The other side: with the registry unchanged since the scheduler read it, the probe takes the entry from the
     * message and reads none. To show which copy was probed, this message names the other server than the registry
     * does under the same version (a scheduler never sends that: it sends what it read).
     */
    @Test
    void whileTheRegistryIsUnchangedTheShardProbesTheEntryItCarries() {
        EndpointId id = new EndpointId("carried");
        editor.put(entry(id, oldServer));
        clock.advance(INTERVAL);
        ShardRequest sent = carrying(id, registry.version().orElseThrow(), entry(id, newServer));

        probe(sent, "carried");

        assertThat(snapshots.latest(id)).get().extracting(HealthSnapshot::serverName).isEqualTo(Optional.of("new-target"));
    }

    private ShardRequest carrying(EndpointId id, long version, dev.mcpulse.domain.endpoint.Endpoint entry) {
        return ShardRequest.of(new ProbeShard(clock.instant(), 0, List.of(id), Duration.ZERO)
                .carrying(version, Map.of(id, entry)));
    }

    private static dev.mcpulse.domain.endpoint.Endpoint entry(EndpointId id, RunningServer server) {
        return endpoint(Map.of("id", id.value(), "url", server.url().toString(), "timeoutMs", 20_000,
                "readiness", Map.of("tool", "gated_ready")));
    }

    private void cycle(EndpointId id, String requestId) {
        probe(shard(clock.instant(), List.of(id.value())), requestId);
    }

    /** The probe function handles this shard's message as invocation {@code requestId}, and reports no failure. */
    private void probe(ShardRequest payload, String requestId) {
        SQSBatchResponse response = handler.handleRequest(queued(payload), new TestLambdaContext(requestId, 60_000));
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    /** A cycle whose readiness call is held at the old server until the test opens the gate. */
    private Future<SQSBatchResponse> heldCycle(EndpointId id, String requestId) throws InterruptedException {
        clock.advance(INTERVAL);
        oldGate.holdNext(1);
        var payload = shard(clock.instant(), List.of(id.value()));
        Future<SQSBatchResponse> inFlight = pool.submit(() -> handler.handleRequest(queued(payload),
                new TestLambdaContext(requestId, 60_000)));
        assertThat(oldGate.awaitHeld(1, Duration.ofSeconds(30))).as("the probe is in flight at the old server").isTrue();
        return inFlight;
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }
}
