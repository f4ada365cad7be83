package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * The recent cycles a snapshot store keeps for a moment: a cycle recorded through the same instance (the cycle log
 * of the same process) is seen at once; one recorded elsewhere (another function) only once the moment has passed.
 */
class RecentCyclesIT {

    private static final Duration KEPT = Duration.ofMinutes(10); // longer than the test: nothing expires by itself

    @Test
    void aCycleRecordedThroughTheSharedInstanceIsSeenAtOnceAndOneRecordedElsewhereWaitsForTheKeepingTime() {
        String table = DynamoDbLocal.newTable();
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RecentCycles shared = new RecentCycles(DynamoDbLocal.client(), table, KEPT);
        RecentCycles elsewhere = new RecentCycles(DynamoDbLocal.client(), table);
        shared.record(first, 4, Duration.ofDays(7));
        assertThat(shared.since(first.minusSeconds(60))).extracting(RecentCycles.Cycle::startedAt).containsExactly(first);

        Instant second = first.plusSeconds(300);
        elsewhere.record(second, 5, Duration.ofDays(7));
        assertThat(shared.since(first.minusSeconds(60))).as("kept: another process's cycle is not seen yet")
                .extracting(RecentCycles.Cycle::startedAt).containsExactly(first);

        Instant third = second.plusSeconds(300);
        shared.record(third, 6, Duration.ofDays(7));
        assertThat(shared.since(first.minusSeconds(60))).as("recorded here: the kept list is dropped")
                .containsExactly(new RecentCycles.Cycle(third, 6), new RecentCycles.Cycle(second, 5),
                        new RecentCycles.Cycle(first, 4));
    }
}
