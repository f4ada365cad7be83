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
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import dev.mcpulse.testsupport.ManualClock;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault: Lambda delivers a shard more than once. The same payload is handled twice at once, and a third time by an
 * invocation that started first but finishes last (its first probe held at the server). A reader polls the stored
 * snapshots all along. No stored {@code checkedAt} ever goes back, the newest check is the one stored, every check
 * is in the history once, and the failure counters count each check whose snapshot was written exactly once: the
 * late check is kept in the history but, being older than the stored truth, neither written nor counted (DESIGN
 * section 4). The 1,000 concurrent out-of-order writes of one endpoint are DynamoDbSnapshotStoreIT's.
 */
class DuplicateInvocationIT {

    static final Instant T0 = ManualClock.realNowToTheMinute();
    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final List<String> IDS = List.of("dup-ok", "dup-tool-error", "dup-unreachable");
    static final List<String> FAILING = List.of("dup-tool-error", "dup-unreachable");
    static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aShardDeliveredTwiceAtOnceAndOnceLateNeverRegressesLosesOrDoubleCountsAnything() throws Exception {
        GatedTool gate = new GatedTool("gated_ready");
        RunningServer healthy = started(JavaSdkServers.builder("healthy", "1.0.0").standardTools().tool(gate.tool()).start());
        RunningServer failing = started(JavaSdkServers.builder("failing", "1.0.0").standardTools()
                .tool(TestTool.constant("not_ready", ToolReply.error("warming up"))).start());
        EmbeddedDynamoDb dynamoDb = started(EmbeddedDynamoDb.inMemory());
        ManualClock clock = new ManualClock(T0);
        ApplicationContext context = started(ProbeContexts.withLocalSecrets(dynamoDb, clock, INTERVAL));
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        registry.put(endpoint(Map.of("id", "dup-ok", "url", healthy.url().toString(), "timeoutMs", 20_000,
                "readiness", Map.of("tool", gate.name()))));
        registry.put(endpoint(Map.of("id", "dup-tool-error", "url", failing.url().toString(), "timeoutMs", 20_000,
                "readiness", Map.of("tool", "not_ready"))));
        registry.put(endpoint(Map.of("id", "dup-unreachable", "url", "http://127.0.0.1:" + closedPort() + "/mcp",
                "timeoutMs", 20_000)));
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        ProbeResultLog results = started(ProbeResultLog.open());
        ProbeHandler handler = new ProbeHandler(context);

        handler.handleRequest(queued(shard(T0, IDS)), new TestLambdaContext("cycle-0", 60_000));
        Sampler sampler = started(new Sampler(snapshots));
        clock.tickOnEveryRead(Duration.ofMillis(1));

        // The late delivery starts first; its healthy endpoint's readiness call is held at the server.
        Instant cycle1 = T0.plus(INTERVAL);
        ShardRequest payload = shard(cycle1, IDS);
        clock.set(cycle1);
        gate.holdNext(1);
        Future<SQSBatchResponse> late = pool.submit(() ->
                handler.handleRequest(queued(payload), new TestLambdaContext("late", 60_000)));
        assertThat(gate.awaitHeld(1, Duration.ofSeconds(30))).as("the late invocation's probe is in flight").isTrue();
        // Each result is stored as its probe ends: the late invocation's two failing endpoints are written now.
        awaitResults(results, "late", 2);

        // Two deliveries of the same payload at once, a second later.
        clock.set(cycle1.plusSeconds(1));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SQSBatchResponse>> duplicates = List.of("duplicate-a", "duplicate-b").stream()
                .map(requestId -> pool.submit(() -> {
                    go.await();
                    return handler.handleRequest(queued(payload), new TestLambdaContext(requestId, 60_000));
                }))
                .toList();
        go.countDown();
        for (Future<SQSBatchResponse> duplicate : duplicates) {
            assertThat(duplicate.get(WAIT.toSeconds(), TimeUnit.SECONDS).getBatchItemFailures()).isEmpty(); // all three probed and stored
        }
        gate.open();
        assertThat(late.get(WAIT.toSeconds(), TimeUnit.SECONDS).getBatchItemFailures()).isEmpty(); // all three probed and stored
        sampler.close();

        assertThat(sampler.regressions).as("checkedAt regressions seen by the reader").isEmpty();
        assertThat(sampler.samples.get()).as("reads while the invocations ran").isGreaterThan(10);
        // The late invocation's held check ended after the duplicates' newer ones were stored: kept in the history only.
        assertThat(results.ofRequest("late")).extracting(ProbeResultLog.Result::endpointId, ProbeResultLog.Result::stored)
                .containsExactlyInAnyOrder(tuple("dup-ok", "dropped_not_newer"), tuple("dup-tool-error", "written"),
                        tuple("dup-unreachable", "written"));
        StringBuilder figures = new StringBuilder();
        for (String id : IDS) {
            EndpointId endpointId = new EndpointId(id);
            HealthSnapshot stored = snapshots.latest(endpointId).orElseThrow();
            List<HistoryEntry> history = snapshots.history(endpointId, 10);
            List<ProbeResultLog.Result> checks = results.of(id);
            long written = checks.stream().filter(c -> c.stored().equals("written")).count();

            // Every check (cycle 0, the late one, both duplicates) is in the history once.
            assertThat(checks).as(id).hasSize(4);
            assertThat(history).as(id).hasSize(4);
            assertThat(history).extracting(HistoryEntry::checkedAt).doesNotHaveDuplicates();
            // The newest check is the one stored, or one that found the stored state unchanged: nothing newer was
            // lost, nothing older won. An unchanged check writes no snapshot but confirms the one it read; when the
            // duplicates race, it may have read the snapshot before the other duplicate's write, and its confirmation
            // then credits nothing (SnapshotRecorder): the stored snapshot is its twin's, a few ms older, same state.
            HistoryEntry newest = history.stream().max(Comparator.comparing(HistoryEntry::checkedAt)).orElseThrow();
            if (!stored.checkedAt().equals(newest.checkedAt())) {
                assertThat(newest.outcome()).as(id + ": the newest check, not the stored one, found the same outcome")
                        .isEqualTo(stored.outcome());
                assertThat(newest.httpStatus()).as(id + ": and the same HTTP status").isEqualTo(stored.httpStatus());
                assertThat(history).as(id + ": the stored check is in the history")
                        .extracting(HistoryEntry::checkedAt).contains(stored.checkedAt());
            }
            // Cycle 0 and the first duplicate always write; the second duplicate when its check is the newer one; the
            // late invocation's failing checks too, stored as they ended, before the duplicates' (its held one never).
            assertThat(written).as(id + " writes").isBetween(FAILING.contains(id) ? 3L : 2L, FAILING.contains(id) ? 4L : 3L);
            figures.append(String.format(" %s: 4 checks, %d written, consecutiveFailures %d;", id, written,
                    stored.consecutiveFailures()));
            if (FAILING.contains(id)) {
                assertThat(stored.consecutiveFailures()).as(id + " consecutive failures").isEqualTo((int) written);
                assertThat(history).extracting(HistoryEntry::outcome).doesNotContain(OutcomeKind.OK);
            } else {
                assertThat(stored.consecutiveFailures()).isZero();
                assertThat(stored.lastSuccessAt()).contains(stored.checkedAt());
            }
        }
        System.out.printf("FIGURES duplicate invocations: %d reads, 0 checkedAt regressions, late delivery's held check dropped;%s%n",
                sampler.samples.get(), figures);
    }

    private static void awaitResults(ProbeResultLog results, String requestId, int count) throws InterruptedException {
        for (int i = 0; i < 1_500 && results.ofRequest(requestId).size() < count; i++) {
            Thread.sleep(20);
        }
        assertThat(results.ofRequest(requestId)).as(requestId + " results stored within 30 s").hasSize(count);
    }

    /** Reads every endpoint's stored snapshot in a loop and notes any checkedAt older than one it read before. */
    static final class Sampler implements AutoCloseable {
        final List<String> regressions = new CopyOnWriteArrayList<>();
        final AtomicInteger samples = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, Instant> seen = new ConcurrentHashMap<>();
        private final Thread thread;

        Sampler(SnapshotStore snapshots) {
            thread = new Thread(() -> {
                while (running.get()) {
                    for (String id : IDS) {
                        snapshots.latest(new EndpointId(id)).map(HealthSnapshot::checkedAt).ifPresent(at -> {
                            Instant before = seen.put(id, at);
                            if (before != null && at.isBefore(before)) {
                                regressions.add(id + ": " + before + " -> " + at);
                            }
                        });
                    }
                    samples.incrementAndGet();
                }
            }, "snapshot-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }
}
