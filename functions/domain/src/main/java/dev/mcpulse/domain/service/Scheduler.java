package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.CarriedEntries;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.SecretState;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.metrics.Metric;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.MetricsSink;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler cycle: load the enabled endpoints, drop those whose back-off window has not elapsed, split the
 * rest into shards and hand each to the dispatcher. Never probes and never waits for probes. The cycle is
 * recorded even when a dispatch fails, so the monitor's own heartbeat stays honest.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final EndpointRegistry registry;
    private final SnapshotStore snapshots;
    private final ProbeDispatcher dispatcher;
    private final CycleLog cycleLog;
    private final StatusPolicy statusPolicy;
    private final Clock clock;
    private final Settings settings;
    private final MetricsSink metrics;

    /**
     * Shard size and jitter window; the interval is the probe interval the cycle runs at; how many hand-overs run at
     * once (a queue's batch send answers in tens of milliseconds: one at a time, the 400 batches of a
     * 100,000-endpoint fleet would take a good part of a scheduler whose timeout is 30 s).
     */
    public record Settings(Duration interval, int shardSize, Duration jitter, int dispatchParallelism) {

        public static final int DEFAULT_DISPATCH_PARALLELISM = 32;

        public Settings {
            if (shardSize < 1) {
                throw new IllegalArgumentException("shard size must be at least 1, was " + shardSize);
            }
            if (jitter.isNegative()) {
                throw new IllegalArgumentException("jitter window must not be negative, was " + jitter);
            }
            if (dispatchParallelism < 1) {
                throw new IllegalArgumentException("dispatch parallelism must be at least 1, was " + dispatchParallelism);
            }
        }

        public Settings(Duration interval, int shardSize, Duration jitter) {
            this(interval, shardSize, jitter, DEFAULT_DISPATCH_PARALLELISM);
        }
    }

    public Scheduler(EndpointRegistry registry, SnapshotStore snapshots, ProbeDispatcher dispatcher, CycleLog cycleLog,
                     Clock clock, Settings settings) {
        this(registry, snapshots, dispatcher, cycleLog, clock, settings, MetricsSink.NONE);
    }

    /** With the sink that receives one batch of metrics per cycle. */
    public Scheduler(EndpointRegistry registry, SnapshotStore snapshots, ProbeDispatcher dispatcher, CycleLog cycleLog,
                     Clock clock, Settings settings, MetricsSink metrics) {
        this.metrics = metrics;
        this.registry = registry;
        this.snapshots = snapshots;
        this.dispatcher = dispatcher;
        this.cycleLog = cycleLog;
        this.clock = clock;
        this.settings = settings;
        // the API derives with the same policy: ServicesFactory builds it with MonitorSettings.grace(), the same grace
        this.statusPolicy = new StatusPolicy(clock, StatusPolicy.graceFor(settings.jitter()));
    }

    /** Thrown after the cycle was recorded when some shards could not be dispatched. */
    public static final class DispatchFailure extends RuntimeException implements FailureDescription.SafeMessage {
        public DispatchFailure(int failed, int total, RuntimeException first) {
            super(failed + " of " + total + " shards could not be dispatched", first);
        }
    }

    /** What one cycle did, for its metrics; filled as the cycle goes, published even when it fails. */
    private static final class CycleCounts {
        int enabled;
        int due;
        int dispatched;
        int failed;
        int storeFailures;
    }

    /**
     * Runs one cycle and publishes its metrics — duration, shards dispatched and failed, endpoints enabled, due and
     * skipped, store failures — whether it succeeds or not.
     */
    public CycleRecord runCycle() {
        Instant now = clock.instant();
        CycleCounts counts = new CycleCounts();
        try {
            return runCycle(now, counts);
        } finally {
            publish(counts, Duration.between(now, clock.instant()));
        }
    }

    private void publish(CycleCounts counts, Duration took) {
        try {
            metrics.publish(List.of(
                    Metric.milliseconds(MetricNames.CYCLE_DURATION, List.of(Math.max(0, took.toMillis()))),
                    Metric.count(MetricNames.SHARDS_DISPATCHED, counts.dispatched),
                    Metric.count(MetricNames.SHARDS_FAILED, counts.failed),
                    Metric.count(MetricNames.ENDPOINTS_ENABLED, counts.enabled),
                    Metric.count(MetricNames.ENDPOINTS_DUE, counts.due),
                    Metric.count(MetricNames.SKIPPED_IN_BACKOFF, counts.enabled - counts.due),
                    Metric.count(MetricNames.STORE_FAILURES, counts.storeFailures)));
        } catch (RuntimeException e) {
            LOG.atWarn().log("metrics could not be published: {}", FailureDescription.of(e));
        }
    }

    /** A call to the store; a failure is counted, then thrown on. */
    private static <T> T store(CycleCounts counts, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            counts.storeFailures++;
            throw e;
        }
    }

    private CycleRecord runCycle(Instant now, CycleCounts counts) {
        // Wall time of each phase for the cycle's log line, from the monotonic timer: the clock may be a test's.
        long started = System.nanoTime();
        // The registry is read on a thread of its own while the snapshots are read: neither needs the other's items
        // until both are in, and at 100,000 endpoints each read takes seconds (B7).
        RegistryRead registryRead = RegistryRead.start(registry);
        Map<EndpointId, HealthSnapshot> latest = store(counts, () -> snapshots.latestOfFleet(
                () -> registryRead.fleet().stream().filter(Endpoint::enabled).map(Endpoint::id).toList()));
        long snapshotsRead = System.nanoTime();
        List<Endpoint> fleet = registryRead.fleet();
        List<Endpoint> enabled = fleet.stream().filter(Endpoint::enabled).toList();
        counts.enabled = enabled.size();
        FleetCounts summary = summarize(fleet, latest, now);
        List<EndpointId> due = enabled.stream()
                // An endpoint's own cadence is already in its nextProbeAfter; the slack is the scheduler's.
                .filter(e -> BackoffPolicy.isDue(Optional.ofNullable(latest.get(e.id())), now, settings.interval()))
                .map(Endpoint::id)
                .toList();

        counts.due = due.size();
        int shardCount = shardCount(enabled.size());
        Optional<Integer> recorded = recordShardCount(now, shardCount, counts);
        List<ProbeShard> shards = carryEntries(shard(now, due, shardCount, recorded, timedOutLast(due, latest)),
                enabled, registryRead.version());
        long dispatchStarted = System.nanoTime();
        List<RuntimeException> failures = dispatchAll(shards);
        long dispatchEnded = System.nanoTime();
        int dispatched = shards.size() - failures.size();
        RuntimeException firstFailure = failures.isEmpty() ? null : failures.getFirst();
        counts.dispatched += dispatched;
        counts.failed += failures.size();
        CycleRecord cycle = new CycleRecord(now, enabled.size(), due.size(), enabled.size() - due.size(), dispatched,
                Optional.of(summary));
        store(counts, () -> {
            cycleLog.record(cycle);
            return cycle;
        });
        LOG.atInfo()
                .addKeyValue("cycleStartedAt", now)
                .addKeyValue("endpointsEnabled", cycle.endpointsEnabled())
                .addKeyValue("endpointsDue", cycle.endpointsDue())
                .addKeyValue("skippedInBackoff", cycle.skippedInBackoff())
                .addKeyValue("shardsDispatched", cycle.shardsDispatched())
                .addKeyValue("shards", shards.size())
                .addKeyValue("registryReadMs", millis(registryRead.endedAt() - started))
                // both reads: the snapshots, with their confirming checks, and the registry they waited for
                .addKeyValue("readsMs", millis(snapshotsRead - started))
                .addKeyValue("dispatchMs", millis(dispatchEnded - dispatchStarted))
                .log("scheduler cycle");
        if (dispatched < shards.size()) {
            throw new DispatchFailure(shards.size() - dispatched, shards.size(), firstFailure);
        }
        return cycle;
    }

    /**
     * The registry's read on a thread of its own. {@link #fleet()} waits for it and throws what it threw, as a read on
     * the cycle's own thread would have.
     */
    private static final class RegistryRead {
        private final CompletableFuture<List<Endpoint>> fleet = new CompletableFuture<>();
        private volatile OptionalLong version = OptionalLong.empty();
        private volatile long endedAt;

        static RegistryRead start(EndpointRegistry registry) {
            RegistryRead read = new RegistryRead();
            Thread.ofPlatform().daemon().name("scheduler-registry-read").start(() -> {
                try {
                    read.version = registry.version(); // before the entries: see EndpointRegistry#version
                    read.fleet.complete(registry.list());
                } catch (Throwable e) {
                    read.fleet.completeExceptionally(e);
                } finally {
                    read.endedAt = System.nanoTime();
                }
            });
            return read;
        }

        List<Endpoint> fleet() {
            try {
                return fleet.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        /** The registry's version read before its entries; valid once {@link #fleet()} has returned. */
        OptionalLong version() {
            return version;
        }

        /** When the read ended ({@link System#nanoTime()}); valid once {@link #fleet()} has returned. */
        long endedAt() {
            return endedAt;
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /**
     * The fleet's summary at the cycle's start, derived exactly as the API derives each row (a disabled entry is
     * paused whatever its snapshot, so its snapshot is not read). Counted afresh from what was just read, never
     * adjusted: no late, superseded or deleted write can make it drift, and a newer cycle's count replaces it.
     */
    private FleetCounts summarize(List<Endpoint> fleet, Map<EndpointId, HealthSnapshot> latest, Instant now) {
        return FleetCounts.of(fleet.stream()
                .map(e -> statusPolicy.derive(e, SecretState.UNKNOWN, Optional.ofNullable(latest.get(e.id())), now,
                        settings.interval()))
                .toList());
    }

    /**
     * Hands every shard over in batches of the dispatcher's size, at most {@code dispatchParallelism} batches at once,
     * and waits until each was handed over or refused. A refused shard is logged and counted; the others still go.
     */
    private List<RuntimeException> dispatchAll(List<ProbeShard> shards) {
        if (shards.isEmpty()) {
            return List.of();
        }
        int batchSize = Math.max(1, dispatcher.batchSize());
        List<List<ProbeShard>> batches = new ArrayList<>();
        for (int from = 0; from < shards.size(); from += batchSize) {
            batches.add(shards.subList(from, Math.min(shards.size(), from + batchSize)));
        }
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        int threads = Math.min(settings.dispatchParallelism(), batches.size());
        // Platform threads: the dispatcher blocks on a socket, and a pinned virtual thread would serialise it.
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("dispatch-", 0).factory());
        try {
            List<Future<?>> handovers = new ArrayList<>(batches.size());
            for (List<ProbeShard> batch : batches) {
                handovers.add(pool.submit(() -> {
                    for (ProbeDispatcher.Refusal refusal : handOver(batch)) {
                        failures.add(refusal.reason());
                        LOG.atError().addKeyValue("shard", refusal.shard().shardIndex())
                                .log("shard could not be dispatched: {}", FailureDescription.of(refusal.reason()));
                    }
                }));
            }
            for (Future<?> handover : handovers) {
                handover.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dispatching shards", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a shard hand-over failed unexpectedly", e.getCause()); // an Error
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    /** One batch's refusals; a dispatcher that throws instead has refused the whole batch. */
    private List<ProbeDispatcher.Refusal> handOver(List<ProbeShard> batch) {
        try {
            return dispatcher.dispatchBatch(batch);
        } catch (RuntimeException e) {
            return batch.stream().map(shard -> new ProbeDispatcher.Refusal(shard, e)).toList();
        }
    }

    /**
     * How many buckets a cycle spreads the fleet over: one per shard size of enabled endpoints (not of those due, so
     * that it does not swing with back-off), at least one.
     */
    int shardCount(int enabled) {
        return Math.max(1, (enabled + settings.shardSize() - 1) / settings.shardSize());
    }

    /**
     * Each shard with its entries as this cycle read them, when the registry keeps a version: the probe then checks the
     * version instead of reading the entries again (see {@link CarriedEntries}).
     */
    private static List<ProbeShard> carryEntries(List<ProbeShard> shards, List<Endpoint> enabled,
                                                 OptionalLong registryVersion) {
        if (registryVersion.isEmpty()) {
            return shards;
        }
        Map<EndpointId, Endpoint> byId = new HashMap<>();
        enabled.forEach(endpoint -> byId.put(endpoint.id(), endpoint));
        return shards.stream().map(shard -> shard.carrying(registryVersion.getAsLong(), byId)).toList();
    }

    /**
     * Records the bucket count before any shard goes out, so that readers can find the shards' check batches. If it
     * cannot be recorded, the shards go without it (their checks are then stored one by one, as before batches):
     * a batch no reader could find would let unchanged rows go stale.
     */
    private Optional<Integer> recordShardCount(Instant now, int shardCount, CycleCounts counts) {
        try {
            cycleLog.recordShardCount(now, shardCount);
            return Optional.of(shardCount);
        } catch (RuntimeException e) {
            counts.storeFailures++;
            LOG.atWarn().log("the cycle's shard count could not be recorded ({}); its checks are stored one by one",
                    FailureDescription.of(e));
            return Optional.empty();
        }
    }

    /**
     * The due endpoints whose last check timed out: each is likely to hold its shard open for its whole deadline
     * again, and a probe invocation is billed for its slowest probe.
     */
    private static Set<EndpointId> timedOutLast(List<EndpointId> due, Map<EndpointId, HealthSnapshot> latest) {
        Set<EndpointId> slow = new HashSet<>();
        for (EndpointId id : due) {
            HealthSnapshot last = latest.get(id);
            if (last != null && last.outcome() == OutcomeKind.TIMEOUT) {
                slow.add(id);
            }
        }
        return slow;
    }

    /**
     * The due endpoints by bucket ({@link EndpointId#bucket} of {@code shardCount}): shard i holds bucket i, so a
     * reader finds an endpoint's batch from its id. Empty buckets are not dispatched; sizes vary around the shard
     * size.
     *
     * <p>Endpoints in {@code slow} (their last check timed out) go apart, in shards of the shard size numbered from
     * {@code shardCount} on. Spread over the buckets, the 5 % of a fleet that hangs put a black hole in a third of
     * all shards, and each of those invocations waited out its deadline (docs/cost.md: 2 s against 60 ms). Kept
     * apart they hold a few invocations open, and every other shard ends with its last healthy answer. Their shards
     * have no batch slot (a reader looks for a check in bucket {@code id.bucket(shardCount)}), so their checks
     * write snapshot and history item one by one, as failing checks mostly do anyway.
     *
     * <p>The k-th of n dispatched shards starts k/n of the way into the jitter window.
     */
    List<ProbeShard> shard(Instant cycleStart, List<EndpointId> due, int shardCount, Optional<Integer> recorded,
                           Set<EndpointId> slow) {
        List<List<EndpointId>> buckets = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            buckets.add(new ArrayList<>());
        }
        List<EndpointId> apart = new ArrayList<>();
        for (EndpointId id : due) {
            (slow.contains(id) ? apart : buckets.get(id.bucket(shardCount))).add(id);
        }
        record Planned(int index, List<EndpointId> ids, Optional<Integer> shardCount) {
        }
        List<Planned> planned = new ArrayList<>();
        IntStream.range(0, shardCount).filter(i -> !buckets.get(i).isEmpty())
                .forEach(i -> planned.add(new Planned(i, buckets.get(i), recorded)));
        for (int from = 0, index = shardCount; from < apart.size(); from += settings.shardSize(), index++) {
            planned.add(new Planned(index, apart.subList(from, Math.min(apart.size(), from + settings.shardSize())),
                    Optional.empty()));
        }
        List<ProbeShard> shards = new ArrayList<>(planned.size());
        for (int k = 0; k < planned.size(); k++) {
            Duration delay = planned.size() <= 1 ? Duration.ZERO
                    : settings.jitter().multipliedBy(k).dividedBy(planned.size());
            Planned shard = planned.get(k);
            shards.add(new ProbeShard(cycleStart, shard.index(), shard.ids(), delay, shard.shardCount()));
        }
        return shards;
    }
}
