package dev.mcpulse.wiring;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.CarriedEntries;
import dev.mcpulse.domain.health.ProbeShard;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payload the scheduler sends the probe function: the shard's ids, and the registry entries the scheduler read for
 * them with the registry's version ({@code registryVersion}, {@code entries}; absent when not sent). Never a secret's
 * value: an entry names its secret. A shard of 25 is a few kilobytes, so a message stays inside one 64 KiB unit of
 * SQS's billing ({@link #BILLED_UNIT_BYTES}); a shard whose entries would not fit goes with ids only.
 */
@Serdeable
public record ShardRequest(String cycleStartedAt, int shardIndex, List<String> endpointIds, long startDelayMs,
                           @Nullable Integer shardCount, @Nullable Long registryVersion,
                           @Nullable List<EntryMessage> entries) {

    /** SQS bills a message per started 64 KiB. */
    public static final int BILLED_UNIT_BYTES = 64 * 1024;

    /**
     * {@code shardCount}: over how many buckets the cycle spread its endpoints (this shard being bucket
     * {@code shardIndex}); absent in a message from a release before check batches, whose checks are then stored one
     * by one. {@code registryVersion} and {@code entries} come together or not at all.
     */
    @Creator
    public ShardRequest {
    }

    /** A request without entries (as the previous release sent). */
    public ShardRequest(String cycleStartedAt, int shardIndex, List<String> endpointIds, long startDelayMs,
                        @Nullable Integer shardCount) {
        this(cycleStartedAt, shardIndex, endpointIds, startDelayMs, shardCount, null, null);
    }

    /** A request without a shard count (as the release before that sent). */
    public ShardRequest(String cycleStartedAt, int shardIndex, List<String> endpointIds, long startDelayMs) {
        this(cycleStartedAt, shardIndex, endpointIds, startDelayMs, null);
    }

    public static ShardRequest of(ProbeShard shard) {
        return new ShardRequest(shard.cycleStartedAt().toString(), shard.shardIndex(),
                shard.endpointIds().stream().map(EndpointId::value).toList(), shard.startDelay().toMillis(),
                shard.shardCount().orElse(null),
                shard.entries().map(CarriedEntries::registryVersion).orElse(null),
                shard.entries().map(carried -> carried.entries().stream().map(EntryMessage::of).toList()).orElse(null));
    }

    /**
     * A message of every part the scheduler sends (a shard count, a carried entry with a secret reference and a
     * readiness call), so that SnapStart's serde priming warms what the first real message reads. Its entry names a
     * loopback URL and a secret that does not exist; nothing probes it.
     */
    public static ShardRequest priming() {
        EndpointId id = new EndpointId("mcpulse-priming");
        Endpoint entry = new Endpoint(id, "priming", Map.of("priming", "serde"), URI.create("http://127.0.0.1/mcp"),
                Transport.AUTO, new AuthRef.Bearer(new AuthRef.SecretRef("mcpulse-priming", Optional.of("token"))),
                Endpoint.DEFAULT_TIMEOUT, Optional.of(new Readiness("ping", Map.of("text", "priming"))), true);
        return of(new ProbeShard(Instant.EPOCH, 0, List.of(id), Duration.ZERO, Optional.of(1))
                .carrying(0, Map.of(id, entry)));
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
                    Duration.ofMillis(startDelayMs), Optional.ofNullable(shardCount), carried()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The carried entries; none when the message has none, or any of them is damaged: the probe then reads them all,
     * as for a message without (a damaged copy must cost a read, not a shard).
     */
    private Optional<CarriedEntries> carried() {
        if (registryVersion == null || entries == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CarriedEntries(registryVersion,
                    entries.stream().map(EntryMessage::toEndpoint).toList()));
        } catch (RuntimeException damaged) {
            return Optional.empty();
        }
    }
}
