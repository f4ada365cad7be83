package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Instant;

/** The check batch contract against the in-memory store (the local runner's and the domain tests'). */
class InMemoryCheckBatchContractTest extends CheckBatchContract {

    @Override
    protected SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }

    @Override
    protected void recordCycle(Instant startedAt, int shardCount) {
        // the in-memory store keeps the newest confirmation per endpoint: it needs no cycles to find it
    }
}
