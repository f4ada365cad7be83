package dev.mcpulse.domain.port;

import dev.mcpulse.domain.health.ProbeShard;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a shard to whatever probes it: a message on the probe queue on AWS, a bounded in-process executor locally.
 * Returns once the shard is handed over, never after the probes finish. The shard's {@code startDelay} is the
 * dispatcher's to honour (the queue's per-message delay, a timer locally), so no prober waits it out.
 */
@FunctionalInterface
public interface ProbeDispatcher {

    /** Hands one shard over, or throws when it could not be. */
    void dispatch(ProbeShard shard);

    /** Most shards one {@link #dispatchBatch} call carries; the scheduler groups the shards of a cycle by it. */
    default int batchSize() {
        return 1;
    }

    /**
     * Hands a batch of at most {@link #batchSize()} shards over and returns those that could not be, each with its
     * reason; the others are handed over. By default one {@link #dispatch} per shard.
     */
    default List<Refusal> dispatchBatch(List<ProbeShard> batch) {
        List<Refusal> refused = new ArrayList<>();
        for (ProbeShard shard : batch) {
            try {
                dispatch(shard);
            } catch (RuntimeException e) {
                refused.add(new Refusal(shard, e));
            }
        }
        return refused;
    }

    /** A shard that was not handed over, and why. */
    record Refusal(ProbeShard shard, RuntimeException reason) {
    }
}
