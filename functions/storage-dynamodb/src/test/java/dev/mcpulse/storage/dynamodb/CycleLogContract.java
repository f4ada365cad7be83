package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.countedCycle;
import static dev.mcpulse.storage.dynamodb.Fixtures.cycle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.port.CycleLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Test
    void theFleetSummaryACycleCountedComesBackWithIt() {
        CycleRecord counted = countedCycle(T0, 7);

        log.record(counted);

        assertThat(log.last()).contains(counted);
        assertThat(log.last().flatMap(CycleRecord::fleet)).hasValueSatisfying(f -> assertThat(f.stale()).isEqualTo(3));
    }

    /**
     * Overlapping scheduler invocations write at once: the summary rides in the cycle's own item, so the stored one
     * is always the newest cycle's, never torn from it nor replaced by an older count that arrived late.
     */
    @Test
    void concurrentCyclesLeaveTheNewestCyclesSummary() throws Exception {
        List<CycleRecord> cycles = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            cycles.add(countedCycle(T0.plusMillis(i * 997L), i % 11));
        }
        Collections.shuffle(cycles, new Random(11));
        ExecutorService writers = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (CycleRecord cycle : cycles) {
                writes.add(writers.submit(() -> log.record(cycle)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(log.last()).contains(countedCycle(T0.plusMillis(199 * 997L), 199 % 11));
    }
}
