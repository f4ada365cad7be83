package dev.mcpulse.bench.scale;

import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.ShardProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One cycle's probing, as the probe function does it for each shard ({@link ShardProbe}: the shard's entries read in
 * one request, every probe's snapshot written through the real store, the history appended in a batch), with
 * {@link ScaleFleet#prober()} answering at once, several shards at a time as concurrent probe functions would.
 * Its clock runs {@code ago} behind, so the checks read as the previous cycle's and the next scheduler cycle finds
 * every endpoint due again.
 */
final class ProbeCycle {

    /** Probe functions writing at once; the probe queue's MaximumConcurrency allows more, the 2 cores here do not. */
    static final int CONCURRENT_SHARDS = 8;

    private ProbeCycle() {
    }

    static {
        // One INFO line per probe result is what a probe function logs; here, 100,000 of them would only slow the run.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(EndpointChecker.class))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    /** Probes every shard; returns the wall time in seconds. Throws if any shard failed to store its results. */
    static double run(List<ProbeShard> shards, EndpointRegistry registry, SnapshotStore snapshots, Duration interval,
                      Duration ago) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), ago.negated());
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(ScaleFleet.secrets()), ScaleFleet.prober(), snapshots,
                new StatusPolicy(clock), change -> { }, clock, interval);
        ShardProbe probe = new ShardProbe(registry, checker);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_SHARDS);
        try {
            List<Future<ShardProbe.Report>> reports = new ArrayList<>(shards.size());
            for (ProbeShard shard : shards) {
                reports.add(pool.submit(() -> probe.run(shard, ShardProbe.INVOCATION_TIME)));
            }
            int probed = 0;
            for (Future<ShardProbe.Report> report : reports) {
                probed += report.get().probed();
            }
            int expected = shards.stream().mapToInt(s -> s.endpointIds().size()).sum();
            if (probed != expected) {
                throw new IllegalStateException("probed " + probed + " of " + expected + " endpoints");
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
