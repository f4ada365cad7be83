package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.health.StatusReason;
import dev.mcpulse.domain.health.VisibleChange;
import dev.mcpulse.domain.memory.InMemoryCycleLog;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 5: a check that finds nothing an operator sees changed writes no snapshot, and its shard's check
 * batch keeps the row fresh instead. Whole cycles run through the scheduler, the probe's shard and the store.
 */
class UnchangedChecksTest {

    static final Duration SCHEDULE = Duration.ofMinutes(5);

    /** The store, counting snapshot writes; a switch makes batch writes fail (a lost batch). */
    static final class CountingStore implements SnapshotStore {
        final InMemorySnapshotStore inner = new InMemorySnapshotStore();
        final AtomicInteger snapshotWrites = new AtomicInteger();
        final AtomicBoolean batchesFail = new AtomicBoolean();

        @Override
        public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
            snapshotWrites.incrementAndGet();
            return inner.putIfNewer(next, basedOn);
        }

        @Override
        public Optional<HealthSnapshot> latest(EndpointId id) {
            return inner.latest(id);
        }

        @Override
        public Map<EndpointId, HealthSnapshot> latest(Collection<EndpointId> ids) {
            return inner.latest(ids);
        }

        @Override
        public boolean keepsCheckBatches() {
            return true;
        }

        @Override
        public void appendChecks(CheckBatch batch) {
            if (batchesFail.get()) {
                throw new IllegalStateException("the batch could not be written");
            }
            inner.appendChecks(batch);
        }

        @Override
        public void appendHistory(HistoryEntry entry) {
            inner.appendHistory(entry);
        }

        @Override
        public List<HistoryEntry> history(EndpointId id, int limit) {
            return inner.history(id, limit);
        }

        @Override
        public void supersede(EndpointId id, Instant at) {
            inner.supersede(id, at);
        }
    }

    final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final CountingStore store = new CountingStore();
    final StatusPolicy policy = new StatusPolicy(clock);
    final AtomicReference<ProbeResult> seen = new AtomicReference<>(result(2, "hash", 15));
    final EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()),
            (endpoint, credential) -> CompletableFuture.completedFuture(seen.get()), store, policy, change -> { },
            clock, SCHEDULE);
    final ShardProbe shardProbe = new ShardProbe(registry, checker);
    final List<List<EndpointId>> dispatched = new ArrayList<>();
    final Scheduler scheduler = new Scheduler(registry, store, shard -> {
        dispatched.getLast().addAll(shard.endpointIds());
        clock.advance(Duration.ofSeconds(3)); // probes finish a few seconds into the cycle
        shardProbe.run(shard, ShardProbe.INVOCATION_TIME);
    }, new InMemoryCycleLog(), clock, new Scheduler.Settings(SCHEDULE, 25, Duration.ZERO));
    final Instant start = clock.instant();

    static ProbeResult result(int tools, String hash, long totalMs) {
        return new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.of(Era.MODERN),
                Optional.of("2026-07-28"), Optional.of("srv"), Optional.of("1"), Optional.of(tools), Optional.of(hash),
                Latency.total(totalMs));
    }

    void runCycle(int cycle) {
        clock.advance(Duration.between(clock.instant(), start.plus(SCHEDULE.multipliedBy(cycle))));
        dispatched.add(new ArrayList<>());
        scheduler.runCycle();
    }

    StatusReason reasonAt(Endpoint endpoint, Instant at) {
        return policy.derive(endpoint, dev.mcpulse.domain.health.SecretState.UNKNOWN, store.latest(endpoint.id()), at,
                SCHEDULE).reason();
    }

    @Test
    void steadyChecksWriteNoSnapshotButKeepTheRowFreshWithTheirOwnLatency() {
        Endpoint ep = endpoint("steady");
        registry.put(ep);
        runCycle(0);
        HealthSnapshot first = store.latest(ep.id()).orElseThrow();

        for (int cycle = 1; cycle <= 5; cycle++) {
            seen.set(result(2, "hash", 15 + cycle)); // the latency moves on every check: no reason to write
            runCycle(cycle);
        }

        assertThat(store.snapshotWrites).hasValue(1);
        HealthSnapshot latest = store.latest(ep.id()).orElseThrow();
        assertThat(latest.checkedAt()).isEqualTo(first.checkedAt());
        assertThat(latest.lastCheckedAt()).isEqualTo(start.plus(SCHEDULE.multipliedBy(5)).plusSeconds(3));
        assertThat(latest.lastTotalMs()).isEqualTo(20);
        assertThat(latest.lastSuccessShown()).contains(latest.lastCheckedAt());
        // Judged by the stored snapshot alone the row would be stale long since; the confirming check keeps it fresh
        Instant justBeforeStale = latest.lastCheckedAt().plus(SCHEDULE).plus(ep.timeout())
                .plus(StatusPolicy.DEFAULT_GRACE);
        assertThat(reasonAt(ep, justBeforeStale)).isEqualTo(StatusReason.OK);
        assertThat(reasonAt(ep, justBeforeStale.plusSeconds(1))).isEqualTo(StatusReason.STALE);
        assertThat(store.history(ep.id(), 10)).hasSize(6);
    }

    @Test
    void aHealthyUnchangedCheckLogsAtDebugAndAnythingElseAtInfo() {
        Endpoint ep = endpoint("logged");
        registry.put(ep);
        var logs = CheckerLogs.during(ch.qos.logback.classic.Level.DEBUG, () -> {
            runCycle(0); // the first snapshot: written
            runCycle(1); // unchanged: routine
            seen.set(new ProbeResult(new ProbeOutcome.HttpError(dev.mcpulse.domain.health.ProbeStep.DISCOVER, 503,
                    "unavailable"), Optional.of(503), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Latency.total(9)));
            runCycle(2); // a failure: written
        });

        assertThat(logs).filteredOn(e -> e.getMessage().equals("probe result"))
                .extracting(e -> e.getLevel().toString())
                .containsExactly("INFO", "DEBUG", "INFO");
    }

    @Test
    void aChangeAnOperatorSeesIsWritten() {
        Endpoint ep = endpoint("changing");
        registry.put(ep);
        runCycle(0);
        runCycle(1);
        seen.set(result(3, "other-hash", 15)); // a tool was added
        runCycle(2);
        runCycle(3);
        seen.set(new ProbeResult(new ProbeOutcome.HttpError(dev.mcpulse.domain.health.ProbeStep.DISCOVER, 503, "unavailable"), Optional.of(503), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Latency.total(9)));
        runCycle(4);
        runCycle(5); // a second failure: the failure counter moves, so it is written too

        assertThat(store.snapshotWrites).hasValue(4);
        HealthSnapshot latest = store.latest(ep.id()).orElseThrow();
        assertThat(latest.consecutiveFailures()).isEqualTo(2);
        assertThat(latest.toolsChangedAt()).contains(start.plus(SCHEDULE.multipliedBy(2)).plusSeconds(3));
    }

    @Test
    void theHourlyHeartbeatWritesSoTheStoredLatencyIsNeverOlderThanAnHour() {
        Endpoint ep = endpoint("heartbeat");
        registry.put(ep);

        for (int cycle = 0; cycle <= 13; cycle++) {
            runCycle(cycle);
        }

        // cycle 0 writes; cycles 1-11 confirm (under an hour); cycle 12 is an hour on: the heartbeat writes
        assertThat(store.snapshotWrites).hasValue(2);
        HealthSnapshot latest = store.latest(ep.id()).orElseThrow();
        assertThat(latest.checkedAt()).isEqualTo(start.plus(SCHEDULE.multipliedBy(12)).plusSeconds(3));
        assertThat(Duration.between(start.plusSeconds(3), latest.checkedAt())).isGreaterThanOrEqualTo(VisibleChange.HEARTBEAT);
        assertThat(latest.lastCheckedAt()).isEqualTo(start.plus(SCHEDULE.multipliedBy(13)).plusSeconds(3));
    }

    @Test
    void aConfirmationOfASnapshotThatACheckNowReplacedDoesNotFreshenTheNewOne() {
        Endpoint ep = endpoint("checked-now");
        registry.put(ep);
        runCycle(0);
        HealthSnapshot cycleSnapshot = store.latest(ep.id()).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        checker.checkNow(ep); // "check now" always writes
        HealthSnapshot checkedNow = store.latest(ep.id()).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        // a shard that read the store before the check now confirms the older snapshot
        store.appendChecks(new CheckBatch(new CheckBatch.Slot(start, 0, 1), List.of(new dev.mcpulse.domain.health
                .BatchedCheck(new HistoryEntry(ep.id(), clock.instant(), seen.get().outcome().kind(), Optional.of(200),
                15), Optional.of(cycleSnapshot.checkedAt())))));

        HealthSnapshot latest = store.latest(ep.id()).orElseThrow();
        assertThat(store.snapshotWrites).hasValue(2);
        assertThat(latest.checkedAt()).isEqualTo(checkedNow.checkedAt());
        assertThat(latest.confirmedBy()).isEmpty();
        assertThat(latest.lastCheckedAt()).isEqualTo(checkedNow.checkedAt());
        assertThat(store.history(ep.id(), 10)).hasSize(3); // every check is history, confirming or not
    }

    @Test
    void aLostBatchLetsTheRowGoStaleHonestly() {
        Endpoint ep = endpoint("lost");
        registry.put(ep);
        runCycle(0);
        runCycle(1);
        store.batchesFail.set(true);

        // the probe's invocation fails (so SQS retries it); here the retry fails too
        assertThatThrownBy(() -> runCycle(2)).isInstanceOf(Scheduler.DispatchFailure.class);
        assertThatThrownBy(() -> runCycle(3)).isInstanceOf(Scheduler.DispatchFailure.class);

        Instant lastConfirmed = start.plus(SCHEDULE).plusSeconds(3);
        assertThat(store.latest(ep.id()).orElseThrow().lastCheckedAt()).isEqualTo(lastConfirmed);
        Instant staleAfter = lastConfirmed.plus(SCHEDULE).plus(ep.timeout()).plus(StatusPolicy.DEFAULT_GRACE);
        assertThat(reasonAt(ep, staleAfter)).isEqualTo(StatusReason.OK);
        assertThat(reasonAt(ep, staleAfter.plusSeconds(1))).isEqualTo(StatusReason.STALE);
    }

    @Test
    void anEndpointWithALongerCadenceIsDueByItsLastConfirmingCheckNotEveryCycle() {
        EndpointParser parser = new EndpointParser(UrlPolicy.cloud(), SCHEDULE);
        Endpoint slow = ((EndpointParser.Result.Valid) parser.parse(Map.of("id", "quarterly",
                "url", "https://q.example.com/mcp", "intervalSeconds", 900))).endpoint();
        registry.put(slow);
        List<StatusReason> reasonsBetweenCycles = new ArrayList<>();

        for (int cycle = 0; cycle < 12; cycle++) {
            runCycle(cycle);
            reasonsBetweenCycles.add(reasonAt(slow, clock.instant().plus(Duration.ofMinutes(4))));
        }

        List<Integer> slowCycles = new ArrayList<>();
        for (int cycle = 0; cycle < dispatched.size(); cycle++) {
            if (dispatched.get(cycle).contains(slow.id())) {
                slowCycles.add(cycle);
            }
        }
        assertThat(slowCycles).containsExactly(0, 3, 6, 9);
        assertThat(store.snapshotWrites).hasValue(1);
        assertThat(reasonsBetweenCycles).containsOnly(StatusReason.OK);
    }
}
