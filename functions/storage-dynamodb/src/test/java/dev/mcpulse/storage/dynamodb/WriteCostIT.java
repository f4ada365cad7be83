package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.DerivedStatus;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.SecretState;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.domain.service.ShardProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 16 item 5 on DynamoDB Local, through the scheduler, the probe's shards and the store: the write units one
 * steady cycle costs before (each check writes its snapshot and a history item, as a shard from the previous release
 * still does) and after (unchanged checks confirm in one batch item per shard), and that both paths give the same
 * history, uptime and statuses for the same checks. Figures are printed, not asserted (no timing here at all).
 */
class WriteCostIT {

    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final int SHARD_SIZE = 25;
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** One deployment: a fresh table, the real store and cycle log on a metered client, the domain's services. */
    static final class Deployment {
        final String table = DynamoDbLocal.newTable();
        final CapacityMeter meter = new CapacityMeter(DynamoDbLocal.client());
        final DynamoDbSnapshotStore store = new DynamoDbSnapshotStore(meter.client, table,
                DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL);
        final DynamoDbCycleLog cycles = new DynamoDbCycleLog(meter.client, table);
        final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
        final TestClock clock = new TestClock();
        final StatusPolicy policy = new StatusPolicy(clock);
        final EndpointChecker checker;
        final Scheduler scheduler;
        /** Shards the scheduler sent without a batch slot: those of endpoints whose last check timed out. */
        int shardsApart;
        int cycle;

        /** {@code batched}: shards carry their cycle's shard count; otherwise they are as the previous release's. */
        Deployment(List<Endpoint> fleet, boolean batched, BiFunction<Endpoint, Integer, ProbeResult> seen) {
            fleet.forEach(registry::put);
            Prober prober = (endpoint, credential) -> CompletableFuture.completedFuture(seen.apply(endpoint, cycle));
            checker = new EndpointChecker(new MapSecretResolver(Map.of()), prober, store, policy, change -> { }, clock,
                    INTERVAL);
            ShardProbe shards = new ShardProbe(registry, checker);
            scheduler = new Scheduler(registry, store, shard -> {
                ProbeShard sent = batched ? shard : new ProbeShard(shard.cycleStartedAt(), shard.shardIndex(),
                        shard.endpointIds(), shard.startDelay());
                shardsApart += shard.batchSlot().isEmpty() ? 1 : 0;
                clock.now = clock.now.plusSeconds(2); // the probes run a moment after the cycle starts
                shards.run(sent, ShardProbe.INVOCATION_TIME);
            }, cycles, clock, new Scheduler.Settings(INTERVAL, SHARD_SIZE, Duration.ZERO, 1));
        }

        void runCycle(int n) {
            cycle = n;
            clock.now = START.plus(INTERVAL.multipliedBy(n));
            scheduler.runCycle();
        }
    }

    static List<Endpoint> fleet(int size) {
        return IntStream.range(0, size).mapToObj(i -> new Endpoint(new EndpointId(String.format("mcp-%04d", i)),
                "mcp " + i, Map.of(), URI.create("https://mcp-" + i + ".example.com/mcp"), Transport.AUTO,
                new AuthRef.None(), Duration.ofSeconds(10), Optional.empty(), true)).toList();
    }

    static ProbeResult ok(long totalMs) {
        return new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.of(Era.MODERN),
                Optional.of("2026-07-28"), Optional.of("everything"), Optional.of("2.0.0"), Optional.of(12),
                Optional.of("sha256:0123456789abcdef"), new Latency(Optional.of(40L), Optional.of(25L),
                Optional.empty(), totalMs));
    }

    static ProbeResult timedOut() {
        return new ProbeResult(new ProbeOutcome.Timeout(ProbeStep.INITIALIZE, Duration.ofSeconds(10)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Latency.total(10_000));
    }

    static ProbeResult unavailable() {
        return new ProbeResult(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 503, "service unavailable"),
                Optional.of(503), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Latency.total(35));
    }

    record CycleCost(double writeUnits, long items, long snapshotPuts, long unreported, double hourWriteUnits,
                     long hourSnapshotPuts) {
    }

    static CycleCost steadyCycleCost(boolean batched) {
        Deployment deployment = new Deployment(fleet(100), batched,
                (endpoint, cycle) -> ok(100 + (endpoint.id().hashCode() + cycle) % 50));
        deployment.runCycle(0);
        deployment.runCycle(1);
        deployment.meter.reset();
        deployment.runCycle(2);
        CapacityMeter m = deployment.meter;
        CycleCost one = new CycleCost(m.writeUnits.sum(), m.itemsWritten.sum(), m.snapshotPuts.sum(),
                m.unreported.sum(), 0, 0);
        m.reset();
        for (int cycle = 3; cycle < 15; cycle++) { // an hour of cycles: the hourly heartbeat falls in it
            deployment.runCycle(cycle);
        }
        return new CycleCost(one.writeUnits(), one.items(), one.snapshotPuts(), one.unreported() + m.unreported.sum(),
                m.writeUnits.sum(), m.snapshotPuts.sum());
    }

    @Test
    void aSteadyHealthyFleetOf100WritesNoSnapshotPerCycleAndFewerUnits() {
        CycleCost before = steadyCycleCost(false);
        CycleCost after = steadyCycleCost(true);

        System.out.printf("WRITE COST, one steady cycle of 100 healthy endpoints (shards of %d), DynamoDB Local "
                        + "ConsumedCapacity: before %.1f WRU in %d items (%d snapshots); after %.1f WRU in %d items "
                        + "(%d snapshots); ratio after/before %.3f%n", SHARD_SIZE, before.writeUnits(), before.items(),
                before.snapshotPuts(), after.writeUnits(), after.items(), after.snapshotPuts(),
                after.writeUnits() / before.writeUnits());
        System.out.printf("WRITE COST, the next hour (12 cycles, heartbeats included): before %.1f WRU (%d snapshots), "
                        + "after %.1f WRU (%d snapshots): %.1f vs %.1f WRU per cycle, ratio %.3f%n",
                before.hourWriteUnits(), before.hourSnapshotPuts(), after.hourWriteUnits(), after.hourSnapshotPuts(),
                before.hourWriteUnits() / 12, after.hourWriteUnits() / 12, after.hourWriteUnits() / before.hourWriteUnits());
        assertThat(before.unreported()).as("DynamoDB Local reports consumed capacity").isZero();
        assertThat(after.unreported()).isZero();
        assertThat(before.snapshotPuts()).isEqualTo(100);
        assertThat(after.snapshotPuts()).isZero(); // a steady cycle writes no snapshot
        assertThat(after.writeUnits()).isLessThan(before.writeUnits());
        assertThat(after.hourSnapshotPuts()).isEqualTo(100); // each endpoint's hourly heartbeat, once
    }

    @Test
    void aBatchOf25ChecksStaysNearTwoKilobytes() {
        Deployment deployment = new Deployment(fleet(100), true, (endpoint, cycle) -> ok(123));
        deployment.runCycle(0);
        deployment.runCycle(1);
        List<Long> sizes = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        int shardCount = (100 + SHARD_SIZE - 1) / SHARD_SIZE;
        for (int index = 0; index < shardCount; index++) {
            int shard = index;
            Map<String, AttributeValue> item = DynamoDbLocal.client().getItem(b -> b.tableName(deployment.table)
                    .key(CheckBatchItemMapper.key(START.plus(INTERVAL), shard))).item();
            if (item != null && !item.isEmpty()) {
                sizes.add(DynamoDbItemSize.bytes(item));
                entries.add(item.get(CheckBatchItemMapper.ENTRIES).m().size());
            }
        }
        long perEntry = sizes.stream().mapToLong(Long::longValue).sum() / entries.stream().mapToInt(i -> i).sum();
        System.out.printf("CHECK BATCH SIZE: entries per batch %s, bytes %s, about %d bytes per check, so 25 checks "
                + "about %d bytes%n", entries, sizes, perEntry, perEntry * 25);
        assertThat(entries.stream().mapToInt(i -> i).sum()).isEqualTo(100);
        assertThat(perEntry * 25).isLessThan(2_500);
    }

    /**
     * The same checks through both paths: healthy, failing (into back-off), recovering, and "check now" in between.
     * The history, the uptime over it and every endpoint's status at every moment checked must be the same.
     */
    @Test
    void theSameChecksGiveTheSameHistoryUptimeAndStatusThroughBothPaths() {
        List<Endpoint> fleet = fleet(12);
        BiFunction<Endpoint, Integer, ProbeResult> seen = (endpoint, cycle) -> {
            int n = Integer.parseInt(endpoint.id().value().substring(4));
            boolean down = n % 3 == 0 && cycle >= 4 && cycle < 4 + n; // endpoint n is down for n cycles from 4
            boolean hung = n % 4 == 1 && cycle >= 6 && cycle < 8 + n; // n hangs n + 2 cycles from 6: sharded apart
            return down ? unavailable() : hung ? timedOut() : ok(100 + n);
        };
        Deployment old = new Deployment(fleet, false, seen);
        Deployment batched = new Deployment(fleet, true, seen);
        Map<String, List<Object>> oldView = new LinkedHashMap<>();
        Map<String, List<Object>> newView = new LinkedHashMap<>();

        for (int cycle = 0; cycle < 30; cycle++) {
            for (Deployment d : List.of(old, batched)) {
                d.runCycle(cycle);
                if (cycle % 7 == 3) {
                    d.clock.now = d.clock.now.plusSeconds(40);
                    d.checker.checkNow(fleet.get(cycle % fleet.size())); // "check now" between cycles
                }
            }
            for (Instant at : List.of(START.plus(INTERVAL.multipliedBy(cycle)).plusSeconds(200),
                    START.plus(INTERVAL.multipliedBy(cycle + 1)).plusSeconds(60))) {
                record(old, fleet, at, oldView);
                record(batched, fleet, at, newView);
            }
        }

        assertThat(batched.meter.snapshotPuts.sum()).isLessThan(old.meter.snapshotPuts.sum());
        assertThat(batched.shardsApart).as("cycles that sent the hung endpoints apart").isGreaterThan(5);
        for (Endpoint endpoint : fleet) {
            List<HistoryEntry> before = old.store.history(endpoint.id(), 60);
            List<HistoryEntry> after = batched.store.history(endpoint.id(), 60);
            assertThat(after).as("history of %s", endpoint.id()).isEqualTo(before).isNotEmpty();
            assertThat(uptime(after)).isEqualTo(uptime(before));
        }
        assertThat(newView).isEqualTo(oldView);
        System.out.printf("HISTORY EQUALITY: 12 endpoints, 30 cycles: snapshot writes before %d, after %d%n",
                old.meter.snapshotPuts.sum(), batched.meter.snapshotPuts.sum());
    }

    /** Each endpoint's status and the time of its newest check, as the API would derive them at {@code at}. */
    private static void record(Deployment d, List<Endpoint> fleet, Instant at, Map<String, List<Object>> view) {
        var latest = d.store.latest(fleet.stream().map(Endpoint::id).toList());
        for (Endpoint endpoint : fleet) {
            var snapshot = Optional.ofNullable(latest.get(endpoint.id()));
            DerivedStatus status = d.policy.derive(endpoint, SecretState.UNKNOWN, snapshot, at, INTERVAL);
            view.computeIfAbsent(endpoint.id().value(), k -> new ArrayList<>()).add(List.of(at, status,
                    snapshot.map(s -> s.lastCheckedAt().toString()).orElse("-"),
                    snapshot.map(s -> s.lastTotalMs()).orElse(-1L),
                    snapshot.map(s -> s.dueAt().toString()).orElse("-")));
        }
    }

    private static double uptime(List<HistoryEntry> checks) {
        return checks.stream().filter(c -> c.outcome().connected()).count() / (double) checks.size();
    }
}
