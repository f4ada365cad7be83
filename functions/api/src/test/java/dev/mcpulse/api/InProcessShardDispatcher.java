package dev.mcpulse.api;

import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.service.ShardProbe;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * For tests that run scheduler cycles in the api function's context: each shard is probed at once, in the caller's
 * thread, by the same ShardProbe the probe function runs — the scheduler and probe functions in one synchronous
 * step, so that a cycle's snapshots are stored when {@code runCycle()} returns. It also makes the Scheduler bean.
 */
@Singleton
@Requires(property = InProcessShardDispatcher.PROPERTY, value = "true")
final class InProcessShardDispatcher implements ProbeDispatcher {

    static final String PROPERTY = "test.dispatch.in-process";

    private final ShardProbe shardProbe;

    InProcessShardDispatcher(ShardProbe shardProbe) {
        this.shardProbe = shardProbe;
    }

    @Override
    public void dispatch(ProbeShard shard) {
        shardProbe.run(shard, ShardProbe.INVOCATION_TIME);
    }
}
