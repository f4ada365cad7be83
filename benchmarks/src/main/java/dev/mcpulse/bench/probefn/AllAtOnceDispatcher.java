package dev.mcpulse.bench.probefn;

import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.service.ShardProbe;
import dev.mcpulse.wiring.ShardRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Every shard at once, each on a thread of its own, as on AWS, where each shard is an invocation of the probe
 * function and all run in parallel (up to ProbeMaxConcurrency). (The local runner's InProcessProbeDispatcher caps the
 * shards in flight at {@code mcpulse.local.dispatch.concurrency}, 16 by default, and cannot tell when they are done.) The
 * shard goes through the payload the probe function receives ({@link ShardRequest}); the benchmark then waits for
 * every shard to have stored its snapshots.
 */
final class AllAtOnceDispatcher implements ProbeDispatcher {

    /** One shard's end: its report, or why it failed (e.g. snapshots that could not be stored). */
    record Done(ShardProbe.Report report, Throwable failure) {
    }

    private final ShardProbe shardProbe;
    private final List<CompletableFuture<ShardProbe.Report>> running = new ArrayList<>();

    AllAtOnceDispatcher(ShardProbe shardProbe) {
        this.shardProbe = shardProbe;
    }

    @Override
    public synchronized void dispatch(ProbeShard shard) {
        ProbeShard payload = ShardRequest.of(shard).toShard()
                .orElseThrow(() -> new IllegalStateException("shard " + shard.shardIndex() + " is not a valid payload"));
        CompletableFuture<ShardProbe.Report> done = new CompletableFuture<>();
        Thread.ofPlatform().name("shard-" + shard.shardIndex()).daemon().start(() -> {
            try {
                done.complete(shardProbe.run(payload, ShardProbe.INVOCATION_TIME));
            } catch (Throwable failure) {
                done.completeExceptionally(failure);
            }
        });
        running.add(done);
    }

    /** Waits for every shard dispatched so far and forgets them. */
    synchronized List<Done> awaitAll() {
        List<Done> ends = new ArrayList<>();
        for (CompletableFuture<ShardProbe.Report> shard : running) {
            try {
                ends.add(new Done(shard.join(), null));
            } catch (CompletionException e) {
                ends.add(new Done(null, e.getCause()));
            }
        }
        running.clear();
        return ends;
    }
}
