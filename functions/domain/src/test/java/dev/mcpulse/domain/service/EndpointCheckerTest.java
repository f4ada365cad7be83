package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.bearer;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusChange;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.health.StatusReason;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.InfrastructureFailure;
import dev.mcpulse.domain.port.MetricsSink;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import dev.mcpulse.domain.service.SnapshotRecorderTest.DelegatingStore;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class EndpointCheckerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String CANARY = "canary-Secret-Value-0042";

    final ManualClock clock = new ManualClock(T0);
    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final List<StatusChange> published = new ArrayList<>();
    /** What each endpoint's server "does"; the prober port is the boundary these service tests stop at. */
    final Map<EndpointId, ProbeResult> serverBehaviour = new ConcurrentHashMap<>();
    final Map<EndpointId, Optional<SecretValue>> credentialsSeen = new ConcurrentHashMap<>();

    final Prober prober = (endpoint, credential) -> {
        credentialsSeen.put(endpoint.id(), credential);
        ProbeResult result = serverBehaviour.get(endpoint.id());
        return result == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(result);
    };

    EndpointChecker checker(dev.mcpulse.domain.port.SnapshotStore snapshots) {
        return new EndpointChecker(new MapSecretResolver(Map.of("mcpulse/good", CANARY, "mcpulse/empty", "")), prober,
                snapshots, new StatusPolicy(clock), published::add, clock, INTERVAL);
    }

    @Test
    void aMissingOrEmptySecretIsAuthMissingAndTheServerIsNeverDialled() {
        Endpoint missing = endpoint("missing", bearer("mcpulse/nope"), Map.of());
        Endpoint empty = endpoint("empty", bearer("mcpulse/empty"), Map.of());

        var checked = checker(store).checkAll(List.of(missing, empty));

        assertThat(checked).extracting(c -> c.status().reason()).containsOnly(StatusReason.AUTH_MISSING);
        assertThat(checked).extracting(c -> c.status().status()).containsOnly(Status.UNHEALTHY);
        assertThat(credentialsSeen).isEmpty();
        assertThat(store.latest(missing.id())).map(HealthSnapshot::lastError).get().asString()
                .contains("mcpulse/nope", "does not exist");
    }

    @Test
    void theResolvedCredentialReachesTheProberAndNeverTheSnapshot() {
        Endpoint ep = endpoint("auth", bearer("mcpulse/good"), Map.of());
        serverBehaviour.put(ep.id(), failed(new ProbeOutcome.ToolError("get_me", Optional.empty(),
                "token " + CANARY + " has expired")));

        checker(store).checkAll(List.of(ep));

        assertThat(credentialsSeen.get(ep.id())).map(SecretValue::reveal).contains(CANARY);
        HealthSnapshot snapshot = store.latest(ep.id()).orElseThrow();
        assertThat(snapshot.toString()).doesNotContain(CANARY);
        assertThat(snapshot.lastError()).get().asString().contains("[redacted]");
    }

    @Test
    void statusChangesArePublishedOnlyWhenTheStatusChanges() {
        Endpoint ep = endpoint("flappy");
        EndpointChecker checker = checker(store);

        serverBehaviour.put(ep.id(), ok());
        checker.checkNow(ep);
        clock.advance(INTERVAL);
        checker.checkNow(ep);
        clock.advance(INTERVAL);
        serverBehaviour.put(ep.id(), failed(new ProbeOutcome.HttpError(ProbeStep.TOOLS_LIST, 502, "bad gateway")));
        checker.checkNow(ep);

        assertThat(published).extracting(c -> c.from().reason() + "->" + c.to().reason())
                .containsExactly("NEVER_CHECKED->OK", "OK->HTTP_ERROR");
    }

    @Test
    void aProberThatNeverAnswersBecomesATimeoutInsteadOfAHang() {
        Endpoint ep = new Endpoint(new EndpointId("silent"), "silent", Map.of(),
                java.net.URI.create("https://silent.example.com"), dev.mcpulse.domain.endpoint.Transport.AUTO,
                new dev.mcpulse.domain.endpoint.AuthRef.None(), java.time.Duration.ofMillis(100), Optional.empty(), true);

        var checked = checker(store).checkNow(ep);

        assertThat(checked.result().outcome().kind()).isEqualTo(OutcomeKind.TIMEOUT);
        assertThat(store.latest(ep.id())).isPresent();
    }

    /** How a prober can fail instead of returning an outcome: each is mcpulse's fault, never the server's. */
    enum ProberFault {
        ERROR_IN_ITS_FUTURE(() -> CompletableFuture.failedFuture(new StackOverflowError("probe recursion"))),
        ERROR_THROWN_AT_ONCE(() -> {
            throw new NoClassDefFoundError("dev/mcpulse/mcp/Missing");
        }),
        BUG_IN_ITS_FUTURE(() -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("prober bug");
        }));

        final java.util.function.Supplier<CompletableFuture<ProbeResult>> probe;

        ProberFault(java.util.function.Supplier<CompletableFuture<ProbeResult>> probe) {
            this.probe = probe;
        }
    }

    @ParameterizedTest
    @EnumSource(ProberFault.class)
    void aProberThatThrowsFailsTheCheckLoudlyStoresNoVerdictForItsEndpointAndStoresItsSiblings(ProberFault fault) {
        Endpoint first = endpoint("first");
        Endpoint poisoned = endpoint("poisoned");
        Endpoint last = endpoint("last");
        Prober faulty = (endpoint, credential) -> endpoint.equals(poisoned) ? fault.probe.get()
                : CompletableFuture.completedFuture(ok());
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()), faulty, store,
                new StatusPolicy(clock), published::add, clock, INTERVAL);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger checkerLogger = (Logger) LoggerFactory.getLogger(EndpointChecker.class);
        logs.start();
        checkerLogger.addAppender(logs);
        try {
            assertThatThrownBy(() -> checker.checkAll(List.of(first, poisoned, last)))
                    .isInstanceOf(EndpointChecker.ProberFailure.class)
                    .hasMessage("the prober failed for 1 of 3 endpoints; no verdict was stored for them")
                    .cause().isNotInstanceOf(java.util.concurrent.CompletionException.class);
            assertThatThrownBy(() -> checker.checkNow(poisoned)).isInstanceOf(EndpointChecker.ProberFailure.class);
        } finally {
            checkerLogger.detachAppender(logs);
        }

        assertThat(store.latest(first.id())).isPresent();
        assertThat(store.latest(last.id())).isPresent();
        assertThat(store.history(first.id(), 10)).hasSize(1);
        assertThat(store.history(last.id(), 10)).hasSize(1);
        assertThat(store.latest(poisoned.id())).isEmpty();
        assertThat(store.history(poisoned.id(), 10)).isEmpty();
        assertThat(published).noneMatch(change -> change.endpointId().equals(poisoned.id()));
        ILoggingEvent line = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).findFirst().orElseThrow();
        assertThat(line.getKeyValuePairs()).anyMatch(kv -> kv.key.equals("endpointId") && kv.value.equals("poisoned"));
        assertThat(line.getThrowableProxy()).as("the ERROR line carries the throwable").isNotNull();
        assertThat(line.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(2) // checkAll, then checkNow
                .allSatisfy(e -> assertThat(e.getThrowableProxy().getClassName()).isIn(StackOverflowError.class.getName(),
                        NoClassDefFoundError.class.getName(), IllegalStateException.class.getName()));
    }

    @Test
    void oneFailedWriteDoesNotLoseTheOthersAndIsThrown() {
        Endpoint good = endpoint("good");
        Endpoint doomed = endpoint("doomed");
        serverBehaviour.put(good.id(), ok());
        serverBehaviour.put(doomed.id(), ok());
        var flaky = new DelegatingStore(store) {
            @Override
            public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
                if (next.endpointId().equals(doomed.id())) {
                    throw new IllegalStateException("throttled");
                }
                return super.putIfNewer(next, basedOn);
            }
        };

        assertThatThrownBy(() -> checker(flaky).checkAll(List.of(doomed, good)))
                .isInstanceOf(EndpointChecker.StorageFailure.class).hasMessage("1 of 2 snapshots could not be stored");
        assertThat(store.latest(good.id())).isPresent();
    }

    @Test
    void aStoreFailureIsLoggedWithTheAdaptersDescriptionAndNeverTheForeignMessage() {
        Endpoint good = endpoint("good");
        Endpoint doomed = endpoint("doomed");
        serverBehaviour.put(good.id(), ok());
        serverBehaviour.put(doomed.id(), ok());
        String description = "DynamoDB PutItem: ProvisionedThroughputExceededException, HTTP 400, request id R-42";
        var throttled = new DelegatingStore(store) {
            @Override
            public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
                if (next.endpointId().equals(doomed.id())) {
                    throw new InfrastructureFailure(description, new RuntimeException("foreign text " + CANARY));
                }
                return super.putIfNewer(next, basedOn);
            }

            @Override
            public void appendHistory(List<dev.mcpulse.domain.health.HistoryEntry> entries) {
                throw new InfrastructureFailure("DynamoDB BatchWriteItem: InternalServerError, HTTP 500, request id R-43");
            }
        };
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger checkerLogger = (Logger) LoggerFactory.getLogger(EndpointChecker.class);
        logs.start();
        checkerLogger.addAppender(logs);
        try {
            assertThatThrownBy(() -> checker(throttled).checkAll(List.of(doomed, good)))
                    .isInstanceOf(EndpointChecker.StorageFailure.class)
                    .satisfies(e -> assertThat(dev.mcpulse.domain.port.FailureDescription.of(e)).isEqualTo(
                            "1 of 2 snapshots could not be stored, nor the history of 2 checks: " + description));
        } finally {
            checkerLogger.detachAppender(logs);
        }

        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("snapshot could not be stored: " + description,
                        "the history of 2 checks could not be stored: DynamoDB BatchWriteItem: InternalServerError,"
                                + " HTTP 500, request id R-43");
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("foreign text"));
    }

    @Test
    void eachResultIsStoredAsSoonAsItsProbeEndsNotAfterTheSlowerOnesBeforeIt() throws Exception {
        Endpoint slow = endpoint("slow");
        Endpoint fast = endpoint("fast");
        CompletableFuture<ProbeResult> slowServer = new CompletableFuture<>();
        Prober controlled = (endpoint, credential) -> endpoint.equals(slow) ? slowServer
                : CompletableFuture.completedFuture(ok());
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()), controlled, store,
                new StatusPolicy(clock), published::add, clock, INTERVAL);

        CompletableFuture<List<EndpointChecker.Checked>> checking =
                CompletableFuture.supplyAsync(() -> checker.checkAll(List.of(slow, fast)));
        for (int i = 0; i < 500 && store.latest(fast.id()).isEmpty(); i++) {
            Thread.sleep(10);
        }

        assertThat(store.latest(fast.id())).isPresent();
        assertThat(checking).isNotDone();
        slowServer.complete(ok());
        assertThat(checking.get(10, java.util.concurrent.TimeUnit.SECONDS)).extracting(c -> c.endpoint().id())
                .containsExactly(slow.id(), fast.id());
    }

    @Test
    void probesPastTheAdmissionBoundWaitAndKeepTheReadTimeAsTheirCheck() throws Exception {
        List<Endpoint> shard = java.util.stream.IntStream.range(0, 5).mapToObj(i -> endpoint("ep-" + i)).toList();
        Map<EndpointId, CompletableFuture<ProbeResult>> servers = new ConcurrentHashMap<>();
        Prober controlled = (endpoint, credential) -> servers.computeIfAbsent(endpoint.id(), id -> new CompletableFuture<>());
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()), controlled, store,
                new StatusPolicy(clock), published::add, clock, INTERVAL, new ProbeAdmission(2),
                MetricsSink.NONE);
        Instant read = clock.instant();

        CompletableFuture<List<EndpointChecker.Checked>> checking =
                CompletableFuture.supplyAsync(() -> checker.checkAll(shard));
        for (int i = 0; i < 500 && servers.size() < 2; i++) {
            Thread.sleep(10);
        }
        clock.advance(java.time.Duration.ofSeconds(30)); // the others wait their turn meanwhile
        assertThat(servers).as("probes dialled while two are in flight").hasSize(2);
        for (int done = 0; done < shard.size(); done++) {
            for (int i = 0; i < 500 && servers.values().stream().noneMatch(f -> !f.isDone()); i++) {
                Thread.sleep(10);
            }
            assertThat(servers.values().stream().filter(f -> !f.isDone()).count()).as("in flight").isBetween(1L, 2L);
            servers.values().stream().filter(f -> !f.isDone()).findFirst().orElseThrow().complete(ok());
        }

        List<EndpointChecker.Checked> checked = checking.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(checked).hasSize(5).allSatisfy(c -> assertThat(c.checkedAt()).isEqualTo(read));
        assertThat(servers).hasSize(5);
    }

    @Test
    void aShardReadsItsStoredSnapshotsAndAppendsItsHistoryInOneRequestEach() {
        List<Endpoint> shard = java.util.stream.IntStream.range(0, 25).mapToObj(i -> endpoint("ep-" + i)).toList();
        shard.forEach(e -> serverBehaviour.put(e.id(), ok()));
        checker(store).checkAll(shard);
        clock.advance(INTERVAL);
        var counting = new DelegatingStore(store) {
            int singleReads;
            int batchReads;
            int historyBatches;
            int singleHistory;

            @Override
            public Optional<HealthSnapshot> latest(EndpointId id) {
                singleReads++;
                return super.latest(id);
            }

            @Override
            public Map<EndpointId, HealthSnapshot> latest(java.util.Collection<EndpointId> ids) {
                batchReads++;
                return super.latest(ids);
            }

            @Override
            public void appendHistory(List<dev.mcpulse.domain.health.HistoryEntry> entries) {
                historyBatches++;
                store.appendHistory(entries); // not super's: its default appends one by one through this store
            }

            @Override
            public void appendHistory(dev.mcpulse.domain.health.HistoryEntry entry) {
                singleHistory++;
                super.appendHistory(entry);
            }
        };

        var checked = checker(counting).checkAll(shard);

        assertThat(checked).hasSize(25).allSatisfy(c -> assertThat(c.recorded().previous()).isPresent());
        assertThat(checked).allSatisfy(c -> assertThat(c.recorded().result()).isEqualTo(PutResult.WRITTEN));
        assertThat(counting.batchReads).isEqualTo(1);
        assertThat(counting.singleReads).isZero();
        assertThat(counting.historyBatches).isEqualTo(1);
        assertThat(counting.singleHistory).isZero();
        assertThat(store.history(shard.getFirst().id(), 10)).hasSize(2);
    }

    @Test
    void aHistoryThatCannotBeStoredFailsTheChecksAfterEverySnapshotIsWritten() {
        Endpoint a = endpoint("a");
        Endpoint b = endpoint("b");
        serverBehaviour.put(a.id(), ok());
        serverBehaviour.put(b.id(), ok());
        var noHistory = new DelegatingStore(store) {
            @Override
            public void appendHistory(List<dev.mcpulse.domain.health.HistoryEntry> entries) {
                throw new IllegalStateException("throttled");
            }
        };

        assertThatThrownBy(() -> checker(noHistory).checkAll(List.of(a, b)))
                .isInstanceOf(EndpointChecker.StorageFailure.class)
                .hasMessage("the history of 2 checks could not be stored");
        assertThat(store.latest(a.id())).isPresent();
        assertThat(store.latest(b.id())).isPresent();
    }
}
