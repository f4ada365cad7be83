package dev.mcpulse.domain.port;

import dev.mcpulse.domain.health.CycleRecord;
import java.util.Optional;

/** Where the scheduler records each cycle, and the API reads the last one. */
public interface CycleLog {

    void record(CycleRecord cycle);

    Optional<CycleRecord> last();
}
