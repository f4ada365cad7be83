package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One unit of fan-out: the endpoints one probe invocation checks. {@code startDelay} spreads the shards of a
 * cycle over the jitter window so a large fleet does not hit shared upstreams in one burst; the dispatcher delays the
 * hand-over by it (SQS's per-message delay on AWS), so no probe invocation waits it out.
 * {@code shardCount}: how many buckets the cycle spread its endpoints over ({@link EndpointId#bucket}), this shard
 * being bucket {@code shardIndex}; with it the probe keeps the shard's checks in one batch a reader can find. Empty
 * for a shard from a release before batches, a cycle that could not record its count, or a shard of endpoints whose
 * last check timed out (kept apart from the buckets, see Scheduler#shard): then every check writes its snapshot and
 * history item, as before. {@code entries}: the endpoints' registry entries as the scheduler read them, when it sent
 * them ({@link CarriedEntries}); the probe reads them from the registry otherwise.
 */
public record ProbeShard(Instant cycleStartedAt, int shardIndex, List<EndpointId> endpointIds, Duration startDelay,
                         Optional<Integer> shardCount, Optional<CarriedEntries> entries) {
    public ProbeShard {
        endpointIds = List.copyOf(endpointIds);
    }

    /** A shard without carried entries. */
    public ProbeShard(Instant cycleStartedAt, int shardIndex, List<EndpointId> endpointIds, Duration startDelay,
                      Optional<Integer> shardCount) {
        this(cycleStartedAt, shardIndex, endpointIds, startDelay, shardCount, Optional.empty());
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

    /** The same shard carrying its entries as read at {@code registryVersion}: those of its ids, in its order. */
    public ProbeShard carrying(long registryVersion, Map<EndpointId, Endpoint> read) {
        List<Endpoint> carried = endpointIds.stream().map(read::get).filter(Objects::nonNull).toList();
        return new ProbeShard(cycleStartedAt, shardIndex, endpointIds, startDelay, shardCount,
                Optional.of(new CarriedEntries(registryVersion, carried)));
    }

    /** The same shard without carried entries: its probe reads them. */
    public ProbeShard withoutEntries() {
        return new ProbeShard(cycleStartedAt, shardIndex, endpointIds, startDelay, shardCount, Optional.empty());
    }

    /** The same shard for only these of its endpoints, with only their carried entries. */
    public ProbeShard onlyOf(List<EndpointId> ids) {
        Set<EndpointId> kept = Set.copyOf(ids);
        return new ProbeShard(cycleStartedAt, shardIndex, ids, startDelay, shardCount, entries.map(carried ->
                new CarriedEntries(carried.registryVersion(),
                        carried.entries().stream().filter(e -> kept.contains(e.id())).toList())));
    }
}
