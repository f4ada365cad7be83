package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.memory.InMemoryCycleLog;
import dev.mcpulse.domain.port.CycleLog;

/** The cycle log contract against the in-memory reference implementation. */
class InMemoryCycleLogContractTest extends CycleLogContract {
    @Override
    protected CycleLog newLog() {
        return new InMemoryCycleLog();
    }
}
