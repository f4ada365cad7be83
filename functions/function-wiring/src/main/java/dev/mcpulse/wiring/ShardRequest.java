package dev.mcpulse.wiring;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.ProbeShard;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payload the scheduler sends the probe function: ids only, never endpoint details or secrets, so a shard
 * of 25 stays a few hundred bytes — far below Lambda's asynchronous payload limit.
 */
@Serdeable
public record ShardRequest(String cycleStartedAt, int shardIndex, List<String> endpointIds, long startDelayMs,
                           @Nullable Integer shardCount) {

    /**
     * {@code shardCount}: over how many buckets the cycle spread its endpoints (this shard being bucket
     * {@code shardIndex}); absent in a message from a release before check batches, whose checks are then stored one
     * by one.
     */
    @Creator
    public ShardRequest {
    }

    /** A request without a shard count (as the previous release sent). */
    public ShardRequest(String cycleStartedAt, int shardIndex, List<String> endpointIds, long startDelayMs) {
        this(cycleStartedAt, shardIndex, endpointIds, startDelayMs, null);
    }

    public static ShardRequest of(ProbeShard shard) {
        return new ShardRequest(shard.cycleStartedAt().toString(), shard.shardIndex(),
                shard.endpointIds().stream().map(EndpointId::value).toList(), shard.startDelay().toMillis(),
                shard.shardCount().orElse(null));
    }

    /** The shard, or empty when the payload is not one the scheduler could have sent. */
    public Optional<ProbeShard> toShard() {
        try {
            List<EndpointId> ids = endpointIds == null ? List.of()
                    : endpointIds.stream().map(id -> EndpointId.parse(id).orElseThrow()).toList();
            if (startDelayMs < 0 || shardIndex < 0 || (shardCount != null && shardIndex >= shardCount)) {
                return Optional.empty();
            }
            return Optional.of(new ProbeShard(Instant.parse(cycleStartedAt), shardIndex, ids,
                    Duration.ofMillis(startDelayMs), Optional.ofNullable(shardCount)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
