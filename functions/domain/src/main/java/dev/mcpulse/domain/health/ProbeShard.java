package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One unit of fan-out: the endpoints one probe invocation checks. {@code startDelay} spreads the shards of a
 * cycle over the jitter window so a large fleet does not hit shared upstreams in one burst; the dispatcher delays the
 * hand-over by it (SQS's per-message delay on AWS), so no probe invocation waits it out.
 * {@code shardCount}: how many buckets the cycle spread its endpoints over ({@link EndpointId#bucket}), this shard
 * being bucket {@code shardIndex}; with it the probe keeps the shard's checks in one batch a reader can find. Empty
 * for a shard from a release before batches, a cycle that could not record its count, or a shard of endpoints whose
 * last check timed out (kept apart from the buckets, see Scheduler#shard): then every check writes its snapshot and
 * history item, as before.
 */
public record ProbeShard(Instant cycleStartedAt, int shardIndex, List<EndpointId> endpointIds, Duration startDelay,
                         Optional<Integer> shardCount) {
    public ProbeShard {
        endpointIds = List.copyOf(endpointIds);
    }

    /** A shard without a batch slot. */
    public ProbeShard(Instant cycleStartedAt, int shardIndex, List<EndpointId> endpointIds, Duration startDelay) {
        this(cycleStartedAt, shardIndex, endpointIds, startDelay, Optional.empty());
    }

    /** Where this shard's check batch goes, when the cycle spread its endpoints by bucket. */
    public Optional<CheckBatch.Slot> batchSlot() {
        return shardCount.filter(count -> shardIndex < count)
                .map(count -> new CheckBatch.Slot(cycleStartedAt, shardIndex, count));
    }
}
