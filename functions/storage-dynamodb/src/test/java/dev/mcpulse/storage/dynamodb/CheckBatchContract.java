package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.ConfirmingCheck;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store that keeps check batches must do: credit a confirming check to exactly the snapshot it confirms,
 * and give the history of batches and history items together. One subclass per implementation.
 */
abstract class CheckBatchContract {

    static final Duration CYCLE = Duration.ofMinutes(5);
    static final int SHARDS = 4;
    static final EndpointId EP = id("ep");
    static final EndpointId OTHER = id("other");

    SnapshotStore store;

    protected abstract SnapshotStore newStore();

    /** Records a cycle's shard count where the store's readers look for it (nothing for the in-memory store). */
    protected abstract void recordCycle(Instant startedAt, int shardCount);

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    static Instant cycle(int n) {
        return T0.plus(CYCLE.multipliedBy(n));
    }

    /** A check of cycle n, a few seconds in. */
    static HistoryEntry check(EndpointId id, int cycle, long totalMs) {
        return new HistoryEntry(id, cycle(cycle).plusSeconds(3), OutcomeKind.OK, Optional.of(200), totalMs);
    }

    /** Writes each endpoint's check into the batch of its bucket, one batch per bucket, recording the cycle first. */
    void batch(int cycle, BatchedCheck... checks) {
        recordCycle(cycle(cycle), SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            int bucket = shard;
            List<BatchedCheck> mine = Arrays.stream(checks)
                    .filter(c -> c.check().endpointId().bucket(SHARDS) == bucket).toList();
            if (!mine.isEmpty()) {
                store.appendChecks(new CheckBatch(new CheckBatch.Slot(cycle(cycle), shard, SHARDS), mine));
            }
        }
    }

    static BatchedCheck confirming(HistoryEntry check, Instant confirms) {
        return new BatchedCheck(check, Optional.of(confirms));
    }

    @Test
    void aStoreThatKeepsBatchesSaysSo() {
        assertThat(store.keepsCheckBatches()).isTrue();
    }

    @Test
    void aConfirmingCheckIsCreditedToExactlyTheSnapshotItConfirms() {
        HealthSnapshot stored = okSnapshot(EP, cycle(0).plusSeconds(3));
        store.putIfNewer(stored, Optional.empty());
        store.putIfNewer(okSnapshot(OTHER, cycle(0).plusSeconds(3)), Optional.empty());

        batch(1, confirming(check(EP, 1, 42), stored.checkedAt()),
                confirming(check(OTHER, 1, 7), cycle(0))); // not the stored snapshot's time

        ConfirmingCheck expected = new ConfirmingCheck(check(EP, 1, 42).checkedAt(), 42);
        assertThat(store.latest(EP)).map(HealthSnapshot::confirmedBy).contains(Optional.of(expected));
        assertThat(store.latest(List.of(EP, OTHER))).satisfies(found -> {
            assertThat(found.get(EP).confirmedBy()).contains(expected);
            assertThat(found.get(EP)).usingRecursiveComparison().ignoringFields("confirmedBy").isEqualTo(stored);
            assertThat(found.get(OTHER).confirmedBy()).isEmpty();
        });
        assertThat(store.latest(EP).orElseThrow().lastCheckedAt()).isEqualTo(expected.checkedAt());
        assertThat(store.latestOfFleet(() -> List.of(EP, OTHER))).as("the scheduler's read, confirmed alike")
                .isEqualTo(store.latest(List.of(EP, OTHER)));
    }

    @Test
    void theNewestConfirmingCheckWinsAndAnEndpointCheckedRarelyIsFoundFurtherBack() {
        HealthSnapshot stored = okSnapshot(EP, cycle(0).plusSeconds(3));
        HealthSnapshot other = okSnapshot(OTHER, cycle(0).plusSeconds(3));
        store.putIfNewer(stored, Optional.empty());
        store.putIfNewer(other, Optional.empty());
        batch(1, confirming(check(EP, 1, 10), stored.checkedAt()), confirming(check(OTHER, 1, 1), other.checkedAt()));
        batch(2, confirming(check(EP, 2, 20), stored.checkedAt()), confirming(check(OTHER, 2, 2), other.checkedAt()));
        // EP has a cadence of its own: cycles 3 to 5 check only OTHER
        for (int cycle = 3; cycle <= 5; cycle++) {
            batch(cycle, confirming(check(OTHER, cycle, cycle), other.checkedAt()));
        }

        assertThat(store.latest(EP).orElseThrow().confirmedBy())
                .contains(new ConfirmingCheck(check(EP, 2, 20).checkedAt(), 20));
        assertThat(store.latest(List.of(EP, OTHER)).get(OTHER).confirmedBy())
                .contains(new ConfirmingCheck(check(OTHER, 5, 5).checkedAt(), 5));
    }

    @Test
    void aNewerSnapshotIsNotFreshenedByChecksThatConfirmedTheOneBefore() {
        HealthSnapshot first = okSnapshot(EP, cycle(0).plusSeconds(3));
        store.putIfNewer(first, Optional.empty());
        batch(1, confirming(check(EP, 1, 10), first.checkedAt()));
        HealthSnapshot checkedNow = okSnapshot(EP, cycle(1).plusSeconds(60));
        store.putIfNewer(checkedNow, Optional.of(first.checkedAt()));
        batch(2, confirming(check(EP, 2, 20), first.checkedAt())); // read before the check now

        assertThat(store.latest(EP)).contains(checkedNow);
        assertThat(store.latest(List.of(EP))).containsEntry(EP, checkedNow);
    }

    @Test
    void historyMergesBatchesAndHistoryItemsNewestFirstEachCheckOnce() {
        HealthSnapshot stored = okSnapshot(EP, cycle(0).plusSeconds(3));
        store.putIfNewer(stored, Optional.empty());
        List<HistoryEntry> expected = new ArrayList<>();
        for (int cycle = 0; cycle < 8; cycle++) {
            HistoryEntry check = check(EP, cycle, 100 + cycle);
            batch(cycle, cycle == 0 ? new BatchedCheck(check, Optional.empty()) : confirming(check, stored.checkedAt()),
                    new BatchedCheck(check(OTHER, cycle, 1), Optional.empty()));
            expected.add(check);
            HistoryEntry checkNow = new HistoryEntry(EP, cycle(cycle).plusSeconds(100), OutcomeKind.TIMEOUT,
                    Optional.empty(), 10_000);
            store.appendHistory(checkNow); // "check now" keeps its own history item
            expected.add(checkNow);
        }
        batch(8, new BatchedCheck(check(EP, 7, 107), Optional.empty())); // a late duplicate of a check: once only
        List<HistoryEntry> newestFirst = expected.reversed();

        assertThat(store.history(EP, 100)).containsExactlyElementsOf(newestFirst);
        assertThat(store.history(EP, 5)).containsExactlyElementsOf(newestFirst.subList(0, 5));
        assertThat(store.history(EP, 1)).containsExactly(newestFirst.getFirst());
        assertThat(store.history(OTHER, 100)).hasSize(8);
        assertThat(store.history(id("never"), 10)).isEmpty();
    }

    /**
     * A chart holding the history up to one check asks for what came after it: the same checks the whole history
     * has newer than that one, from batches and history items alike; nothing once that check has left the history.
     */
    @Test
    void historyAfterACheckIsWhatTheWholeHistoryHoldsNewerThanItWhileItIsStillThere() {
        HealthSnapshot stored = okSnapshot(EP, cycle(0).plusSeconds(3));
        store.putIfNewer(stored, Optional.empty());
        for (int cycle = 0; cycle < 6; cycle++) {
            batch(cycle, confirming(check(EP, cycle, 100 + cycle), stored.checkedAt()),
                    new BatchedCheck(check(OTHER, cycle, 1), Optional.empty()));
        }
        HistoryEntry checkNow = new HistoryEntry(EP, cycle(4).plusSeconds(100), OutcomeKind.TIMEOUT, Optional.empty(),
                10_000);
        store.appendHistory(checkNow);
        List<HistoryEntry> whole = store.history(EP, 40);

        for (HistoryEntry anchor : List.of(check(EP, 3, 103), checkNow, check(EP, 5, 105))) {
            int at = whole.indexOf(anchor);
            assertThat(store.historyAfter(EP, 40, anchor.checkedAt())).as("after %s", anchor.checkedAt())
                    .contains(whole.subList(0, at));
        }
        assertThat(store.historyAfter(EP, 1, check(EP, 4, 104).checkedAt())).as("more checks since than asked for")
                .isEmpty();
        assertThat(store.historyAfter(EP, 1, checkNow.checkedAt())).contains(whole.subList(0, 1));
        assertThat(store.historyAfter(EP, 40, cycle(3).plusSeconds(4))).as("no check was made then").isEmpty();
        assertThat(store.historyAfter(id("never"), 40, cycle(3).plusSeconds(3))).isEmpty();

        store.supersede(EP, cycle(5).plusSeconds(30));
        assertThat(store.historyAfter(EP, 40, check(EP, 5, 105).checkedAt())).as("superseded since").isEmpty();
    }

    @Test
    void supersedeDropsTheBatchedChecksMadeBeforeItEvenAfterANewSnapshot() {
        store.putIfNewer(okSnapshot(EP, cycle(0).plusSeconds(3)), Optional.empty());
        batch(0, new BatchedCheck(check(EP, 0, 1), Optional.empty()), new BatchedCheck(check(OTHER, 0, 1), Optional.empty()));
        batch(1, new BatchedCheck(check(EP, 1, 2), Optional.empty()));
        Instant changed = cycle(1).plusSeconds(30);

        store.supersede(EP, changed);
        HealthSnapshot next = okSnapshot(EP, cycle(2).plusSeconds(3));
        store.putIfNewer(next, Optional.empty());
        batch(2, new BatchedCheck(check(EP, 2, 3), Optional.empty()));

        assertThat(store.history(EP, 10)).containsExactly(check(EP, 2, 3));
        assertThat(store.history(OTHER, 10)).containsExactly(check(OTHER, 0, 1));
        assertThat(store.latest(EP)).contains(next);
    }

    @Test
    void aBatchWrittenAgainByARetriedShardHoldsEachCheckOnce() {
        HealthSnapshot stored = okSnapshot(EP, cycle(0).plusSeconds(3));
        store.putIfNewer(stored, Optional.empty());
        BatchedCheck check = confirming(check(EP, 1, 10), stored.checkedAt());

        batch(1, check);
        batch(1, check);

        assertThat(store.history(EP, 10)).containsExactly(check.check());
        assertThat(store.latest(Map.of(EP, 0).keySet()).get(EP).confirmedBy()).isPresent();
    }
}
