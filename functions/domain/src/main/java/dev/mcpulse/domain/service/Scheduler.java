package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Clock clock;
    private final Settings settings;

    /** Shard size and jitter window; the interval is the probe interval the cycle runs at. */
    public record Settings(Duration interval, int shardSize, Duration jitter) {
        public Settings {
            if (shardSize < 1) {
                throw new IllegalArgumentException("shard size must be at least 1, was " + shardSize);
            }
            if (jitter.isNegative()) {
                throw new IllegalArgumentException("jitter window must not be negative, was " + jitter);
            }
        }
    }

    public Scheduler(EndpointRegistry registry, SnapshotStore snapshots, ProbeDispatcher dispatcher, CycleLog cycleLog,
                     Clock clock, Settings settings) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.dispatcher = dispatcher;
        this.cycleLog = cycleLog;
        this.clock = clock;
        this.settings = settings;
    }

    /** Thrown after the cycle was recorded when some shards could not be dispatched. */
    public static final class DispatchFailure extends RuntimeException implements FailureDescription.SafeMessage {
        public DispatchFailure(int failed, int total, RuntimeException first) {
            super(failed + " of " + total + " shards could not be dispatched", first);
        }
    }

    public CycleRecord runCycle() {
        Instant now = clock.instant();
        List<Endpoint> enabled = registry.list().stream().filter(Endpoint::enabled).toList();
        Map<EndpointId, HealthSnapshot> latest = snapshots.latest(enabled.stream().map(Endpoint::id).toList());
        List<EndpointId> due = enabled.stream()
                // An endpoint's own cadence is already in its nextProbeAfter; the slack is the scheduler's.
                .filter(e -> BackoffPolicy.isDue(Optional.ofNullable(latest.get(e.id())), now, settings.interval()))
                .map(Endpoint::id)
                .toList();

        List<ProbeShard> shards = shard(now, due);
        int dispatched = 0;
        RuntimeException firstFailure = null;
        for (ProbeShard shard : shards) {
            try {
                dispatcher.dispatch(shard);
                dispatched++;
            } catch (RuntimeException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
                LOG.atError().addKeyValue("shard", shard.shardIndex())
                        .log("shard could not be dispatched: {}", FailureDescription.of(e));
            }
        }
        CycleRecord cycle = new CycleRecord(now, enabled.size(), due.size(), enabled.size() - due.size(), dispatched);
        cycleLog.record(cycle);
        LOG.atInfo()
                .addKeyValue("endpointsEnabled", cycle.endpointsEnabled())
                .addKeyValue("endpointsDue", cycle.endpointsDue())
                .addKeyValue("skippedInBackoff", cycle.skippedInBackoff())
                .addKeyValue("shardsDispatched", cycle.shardsDispatched())
                .addKeyValue("shards", shards.size())
                .log("scheduler cycle");
        if (dispatched < shards.size()) {
            throw new DispatchFailure(shards.size() - dispatched, shards.size(), firstFailure);
        }
        return cycle;
    }

    /** Consecutive slices of the due list; shard i starts i/n of the way into the jitter window. */
    List<ProbeShard> shard(Instant cycleStart, List<EndpointId> due) {
        int count = (due.size() + settings.shardSize() - 1) / settings.shardSize();
        List<ProbeShard> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<EndpointId> slice = due.subList(i * settings.shardSize(),
                    Math.min(due.size(), (i + 1) * settings.shardSize()));
            Duration delay = count <= 1 ? Duration.ZERO : settings.jitter().multipliedBy(i).dividedBy(count);
            shards.add(new ProbeShard(cycleStart, i, slice, delay));
        }
        return shards;
    }
}
