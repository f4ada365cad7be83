package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.cycle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.port.CycleLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CycleLog} must do. One subclass per implementation. */
abstract class CycleLogContract {

    private CycleLog log;

    /** A fresh, empty log for each test. */
    protected abstract CycleLog newLog();

    @BeforeEach
    void setUp() {
        log = newLog();
    }

    @Test
    void nothingIsRecordedAtFirst() {
        assertThat(log.last()).isEmpty();
    }

    @Test
    void theNewestCycleIsTheLastOne() {
        log.record(cycle(T0, 4));
        CycleRecord newer = cycle(T0.plusSeconds(300), 7);

        log.record(newer);

        assertThat(log.last()).contains(newer);
    }

    @Test
    void anOlderCycleArrivingLateNeverReplacesANewerOne() {
        CycleRecord newer = cycle(T0.plusSeconds(300), 7);
        log.record(newer);

        log.record(cycle(T0, 4));
        log.record(cycle(T0.plusSeconds(300), 1));

        assertThat(log.last()).contains(newer);
    }
}
