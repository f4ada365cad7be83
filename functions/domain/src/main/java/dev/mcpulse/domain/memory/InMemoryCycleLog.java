package dev.mcpulse.domain.memory;

import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.port.CycleLog;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The last scheduler cycle, in memory. Like the DynamoDB log, an older cycle never replaces a newer one. */
public final class InMemoryCycleLog implements CycleLog {

    private final AtomicReference<CycleRecord> last = new AtomicReference<>();

    @Override
    public void record(CycleRecord cycle) {
        last.accumulateAndGet(cycle, (current, next) ->
                current == null || next.startedAt().isAfter(current.startedAt()) ? next : current);
    }

    @Override
    public Optional<CycleRecord> last() {
        return Optional.ofNullable(last.get());
    }
}
