package dev.mcpulse.domain.health;

import java.time.Instant;
import java.util.List;

/**
 * The checks of one probe shard in one cycle, stored together (one item per shard and cycle instead of one history
 * item, and often a snapshot, per check). A reader finds an endpoint's batch from its id alone: the scheduler put it
 * in shard {@code id.bucket(shardCount)} of the cycle started at {@code cycleStartedAt}.
 */
public record CheckBatch(Slot slot, List<BatchedCheck> checks) {

    public CheckBatch {
        checks = List.copyOf(checks);
    }

    /** Where a shard's batch lives: its cycle, its index (the endpoints' bucket) and the cycle's bucket count. */
    public record Slot(Instant cycleStartedAt, int shardIndex, int shardCount) {
        public Slot {
            if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
                throw new IllegalArgumentException("shard " + shardIndex + " of " + shardCount + " is not a shard");
            }
        }
    }
}
