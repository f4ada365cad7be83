package dev.mcpulse.local;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.service.ShardProbe;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locally, a shard is probed on one of a few threads of this process instead of in its own Lambda invocation: at
 * most {@code mcpulse.local.dispatch.concurrency} shards at once (the rest wait their turn), and dispatching returns
 * at once, as sending to the probe queue does. A shard's start delay (its place in the jitter window) is a timer, as
 * the queue's message delay is on AWS: no shard thread is held while it runs.
 *
 * <p>Sixteen shards by default: what bounds the work of this process is the probes in flight ({@code ProbeAdmission},
 * 32 per processor), not the shards. A shard holds its thread until its slowest probe ends, so with few shards at
 * once one unanswering server per shard left the admitted probes idle: at four, the first cycle of 5,000 endpoints
 * with 5 % black holes took 86 s of a 30 s interval, at sixteen 41 s (B1b: a development run at 168e036, then
 * docs/benchmarks.md).
 */
@Singleton
final class InProcessProbeDispatcher implements ProbeDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessProbeDispatcher.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final int DEFAULT_CONCURRENCY = 16;

    private final ShardProbe shardProbe;
    private final ExecutorService shards;
    private final ScheduledExecutorService delays;
    /** The endpoints of shards handed over and not yet ended. */
    private final Set<EndpointId> queued = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> lastBehindCycle = new AtomicReference<>(Instant.EPOCH);

    InProcessProbeDispatcher(ShardProbe shardProbe,
                             @Value("${mcpulse.local.dispatch.concurrency:" + DEFAULT_CONCURRENCY + "}") int concurrency) {
        if (concurrency < 1) {
            throw new IllegalStateException("mcpulse.local.dispatch.concurrency must be at least 1, was " + concurrency);
        }
        this.shardProbe = shardProbe;
        AtomicInteger count = new AtomicInteger();
        this.shards = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "mcpulse-shard-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.delays = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mcpulse-shard-delay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Hands the shard over, less its endpoints that an earlier cycle's shard still holds: a runner behind its interval
     * would otherwise queue the same endpoints again every cycle, and its queue (and the lateness of every probe)
     * would grow without end. The earlier shard checks them; the stale rule shows how late that is.
     */
    @Override
    public void dispatch(ProbeShard shard) {
        List<EndpointId> fresh = shard.endpointIds().stream().filter(queued::add).toList();
        if (fresh.size() < shard.endpointIds().size()) {
            warnOncePerCycle(shard.cycleStartedAt());
        }
        if (fresh.isEmpty()) {
            LOG.atInfo().addKeyValue("cycleStartedAt", shard.cycleStartedAt()).addKeyValue("shard", shard.shardIndex())
                    .log("shard not queued: an earlier cycle holds all of it");
            return;
        }
        ProbeShard toRun = fresh.size() == shard.endpointIds().size() ? shard
                : shard.onlyOf(fresh);
        if (toRun.startDelay().isPositive()) {
            delays.schedule(() -> probe(toRun), toRun.startDelay().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            probe(toRun);
        }
    }

    private void warnOncePerCycle(Instant cycle) {
        if (!cycle.equals(lastBehindCycle.getAndSet(cycle))) {
            LOG.atWarn().log("the runner is behind its interval: endpoints an earlier cycle still holds are not queued"
                    + " again (more shards at once: mcpulse.local.dispatch.concurrency; a longer --interval-seconds)");
        }
    }

    private void probe(ProbeShard shard) {
        shards.execute(() -> {
            try {
                ShardProbe.Report report = shardProbe.run(shard, ShardProbe.INVOCATION_TIME);
                LOG.atInfo().addKeyValue("cycleStartedAt", shard.cycleStartedAt())
                        .addKeyValue("shard", report.shardIndex()).addKeyValue("probed", report.probed())
                        .addKeyValue("connected", report.connected()).addKeyValue("skipped", report.skipped())
                        .addKeyValue("alreadyChecked", report.alreadyChecked())
                        .log("shard probed");
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("cycleStartedAt", shard.cycleStartedAt()).addKeyValue("shard", shard.shardIndex())
                        .log("shard failed: {}", FailureDescription.of(e));
            } finally {
                queued.removeAll(shard.endpointIds());
            }
        });
    }

    /** Lets shards under way finish and store their results (probes are bounded by their timeouts), then stops. */
    @PreDestroy
    void close() throws InterruptedException {
        delays.shutdownNow(); // shards still waiting out their delay are not started
        shards.shutdown();
        if (!shards.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.atWarn().log("stopping with shards still under way; their results are not stored");
            shards.shutdownNow();
        }
    }
}
