package dev.mcpulse.domain.port;

import dev.mcpulse.domain.health.CycleRecord;
import java.time.Instant;
import java.util.Optional;

/** Where the scheduler records each cycle, and the API reads the last one. */
public interface CycleLog {

    void record(CycleRecord cycle);

    /**
     * Records, before the cycle's shards go out, over how many buckets the cycle started at {@code startedAt} spreads
     * its endpoints, so that readers can find each endpoint's check batch. A log that keeps no batches has nothing to
     * do. Throws if it could not be recorded: the cycle then dispatches shards without batches.
     */
    default void recordShardCount(Instant startedAt, int shardCount) {
    }

    Optional<CycleRecord> last();
}
