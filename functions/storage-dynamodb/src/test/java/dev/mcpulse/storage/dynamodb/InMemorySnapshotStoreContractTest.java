package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.SnapshotStore;

/** The snapshot store contract against the in-memory reference implementation. */
class InMemorySnapshotStoreContractTest extends SnapshotStoreContract {
    @Override
    protected SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }
}
