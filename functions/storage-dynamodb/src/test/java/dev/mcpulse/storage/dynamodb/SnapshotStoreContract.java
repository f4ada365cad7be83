package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.domain.port.SnapshotStore.PutResult.DROPPED_NOT_NEWER;
import static dev.mcpulse.domain.port.SnapshotStore.PutResult.DROPPED_SUPERSEDED;
import static dev.mcpulse.domain.port.SnapshotStore.PutResult.PREVIOUS_CHANGED;
import static dev.mcpulse.domain.port.SnapshotStore.PutResult.WRITTEN;
import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.failedSnapshot;
import static dev.mcpulse.storage.dynamodb.Fixtures.history;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SnapshotStore} must do. One subclass per implementation. */
abstract class SnapshotStoreContract {

    private static final EndpointId EP = id("ep");
    private static final EndpointId OTHER = id("other");

    private SnapshotStore store;

    /** A fresh, empty store for each test. */
    protected abstract SnapshotStore newStore();

    /** The store's count of dropped stale writes, where it keeps one. */
    protected OptionalLong droppedStaleWrites(SnapshotStore store) {
        return OptionalLong.empty();
    }

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    @Test
    void theFirstSnapshotIsWrittenAndReadBackWithEveryField() {
        HealthSnapshot full = okSnapshot(EP, T0);
        HealthSnapshot sparse = failedSnapshot(OTHER, T0, 3);

        assertThat(store.putIfNewer(full, Optional.empty())).isEqualTo(WRITTEN);
        assertThat(store.putIfNewer(sparse, Optional.empty())).isEqualTo(WRITTEN);

        assertThat(store.latest(EP)).contains(full);
        assertThat(store.latest(OTHER)).contains(sparse);
        assertThat(store.latest(id("never"))).isEmpty();
    }

    @Test
    void aNewerSnapshotBasedOnTheStoredOneReplacesIt() {
        store.putIfNewer(okSnapshot(EP, T0), Optional.empty());
        HealthSnapshot next = failedSnapshot(EP, T0.plusSeconds(300), 1);

        assertThat(store.putIfNewer(next, Optional.of(T0))).isEqualTo(WRITTEN);

        assertThat(store.latest(EP)).contains(next);
    }

    @Test
    void anOlderOrEqualSnapshotIsDroppedAndFresherTruthStays() {
        HealthSnapshot fresh = okSnapshot(EP, T0.plusSeconds(300));
        store.putIfNewer(fresh, Optional.empty());

        assertThat(store.putIfNewer(failedSnapshot(EP, T0, 1), Optional.of(T0.plusSeconds(300)))).isEqualTo(DROPPED_NOT_NEWER);
        assertThat(store.putIfNewer(failedSnapshot(EP, T0.plusSeconds(300), 1), Optional.of(T0.plusSeconds(300))))
                .isEqualTo(DROPPED_NOT_NEWER);
        assertThat(store.putIfNewer(failedSnapshot(EP, T0.minusNanos(1), 1), Optional.empty())).isEqualTo(DROPPED_NOT_NEWER);

        assertThat(store.latest(EP)).contains(fresh);
        droppedStaleWrites(store).ifPresent(count -> assertThat(count).isEqualTo(3));
    }

    @Test
    void aNewerSnapshotComputedFromAnOutdatedPreviousIsRefusedAsPreviousChanged() {
        HealthSnapshot stored = okSnapshot(EP, T0.plusSeconds(300));
        store.putIfNewer(stored, Optional.empty());
        HealthSnapshot next = failedSnapshot(EP, T0.plusSeconds(600), 1);

        assertThat(store.putIfNewer(next, Optional.empty())).isEqualTo(PREVIOUS_CHANGED);
        assertThat(store.putIfNewer(next, Optional.of(T0))).isEqualTo(PREVIOUS_CHANGED);
        assertThat(store.latest(EP)).contains(stored);

        assertThat(store.putIfNewer(next, Optional.of(T0.plusSeconds(300)))).isEqualTo(WRITTEN);
        assertThat(store.latest(EP)).contains(next);
        droppedStaleWrites(store).ifPresent(count -> assertThat(count).isZero());
    }

    @Test
    void aSnapshotBasedOnAPreviousThatIsNotThereIsRefusedAsPreviousChanged() {
        assertThat(store.putIfNewer(okSnapshot(EP, T0), Optional.of(T0.minusSeconds(300)))).isEqualTo(PREVIOUS_CHANGED);
        assertThat(store.latest(EP)).isEmpty();
    }

    @Test
    void timesDifferingByOneNanosecondAreOrdered() {
        store.putIfNewer(okSnapshot(EP, T0), Optional.empty());

        assertThat(store.putIfNewer(okSnapshot(EP, T0.plusNanos(1)), Optional.of(T0))).isEqualTo(WRITTEN);
        assertThat(store.putIfNewer(okSnapshot(EP, T0), Optional.of(T0.plusNanos(1)))).isEqualTo(DROPPED_NOT_NEWER);
        assertThat(store.latest(EP).orElseThrow().checkedAt()).isEqualTo(T0.plusNanos(1));
    }

    @Test
    void latestOfManyReturnsOnlyThoseThatHaveASnapshot() {
        store.putIfNewer(okSnapshot(EP, T0), Optional.empty());
        store.putIfNewer(failedSnapshot(OTHER, T0, 2), Optional.empty());

        Map<EndpointId, HealthSnapshot> found = store.latest(List.of(EP, id("never"), OTHER));

        assertThat(found).containsOnlyKeys(EP, OTHER);
        assertThat(found.get(OTHER)).isEqualTo(failedSnapshot(OTHER, T0, 2));
        assertThat(store.latest(List.of())).isEmpty();
    }

    /**
     * A page's read: a run of 40 ids (more than the fleet's partitions, so a range where the store reads ranges), one
     * without a snapshot; snapshots just outside the run and inside its range (an entry deleted since) are not its.
     */
    @Test
    void latestOfARunReturnsExactlyItsIdsSnapshotsAsLatestDoes() {
        List<EndpointId> run = new ArrayList<>();
        for (int i = 10; i < 50; i++) {
            EndpointId id = id(String.format("run-%03d", i));
            run.add(id);
            if (i != 20) {
                store.putIfNewer(i % 3 == 0 ? failedSnapshot(id, T0, i) : okSnapshot(id, T0.plusSeconds(i)), Optional.empty());
            }
        }
        store.putIfNewer(okSnapshot(id("run-009"), T0), Optional.empty());
        store.putIfNewer(okSnapshot(id("run-030x"), T0), Optional.empty()); // inside the range, not in the run
        store.putIfNewer(okSnapshot(id("run-050"), T0), Optional.empty());

        Map<EndpointId, HealthSnapshot> found = store.latestOfRun(run);

        assertThat(found).hasSize(39).doesNotContainKey(id("run-020"));
        assertThat(found).isEqualTo(store.latest(run));
        assertThat(found.get(id("run-012"))).isEqualTo(failedSnapshot(id("run-012"), T0, 12));
        assertThat(store.latestOfRun(run.subList(0, 3))).isEqualTo(store.latest(run.subList(0, 3)));
    }

    /** The scheduler's read: every snapshot of the fleet, kept only for the endpoints it then names. */
    @Test
    void latestOfTheFleetKeepsOnlyTheEndpointsNamedOnceTheRegistryIsRead() {
        EndpointId deleted = id("deleted-meanwhile");
        store.putIfNewer(okSnapshot(EP, T0), Optional.empty());
        store.putIfNewer(failedSnapshot(OTHER, T0, 2), Optional.empty());
        store.putIfNewer(okSnapshot(deleted, T0), Optional.empty());

        Map<EndpointId, HealthSnapshot> found = store.latestOfFleet(() -> List.of(EP, OTHER, id("never")));

        assertThat(found).containsOnlyKeys(EP, OTHER).isEqualTo(store.latest(List.of(EP, OTHER)));
        assertThat(store.latestOfFleet(List::of)).isEmpty();
    }

    @Test
    void latestOfAWholeLargeFleetFindsEverySnapshot() {
        List<EndpointId> ids = IntStream.range(0, 250).mapToObj(i -> id(String.format("ep-%03d", i))).toList();
        ids.stream().filter(i -> !i.value().endsWith("7")).forEach(i -> store.putIfNewer(okSnapshot(i, T0), Optional.empty()));
        store.putIfNewer(okSnapshot(id("not-asked"), T0), Optional.empty());

        Map<EndpointId, HealthSnapshot> found = store.latest(ids);

        assertThat(found).hasSize(225).doesNotContainKey(id("ep-007")).doesNotContainKey(id("not-asked"));
        assertThat(found.get(id("ep-123"))).isEqualTo(okSnapshot(id("ep-123"), T0));
    }

    @Test
    void historyIsNewestFirstLimitedAndKeptPerEndpoint() {
        List<Instant> times = new ArrayList<>(IntStream.range(0, 30).mapToObj(i -> T0.plusSeconds(300L * i)).toList());
        Collections.shuffle(times, new Random(7));
        times.forEach(t -> store.appendHistory(history(EP, t)));
        store.appendHistory(history(OTHER, T0.plusSeconds(100_000)));

        List<HistoryEntry> recent = store.history(EP, 10);

        assertThat(recent).hasSize(10);
        assertThat(recent).extracting(HistoryEntry::checkedAt)
                .containsExactlyElementsOf(IntStream.range(20, 30).map(i -> 49 - i).mapToObj(i -> T0.plusSeconds(300L * i)).toList());
        assertThat(recent.getFirst()).isEqualTo(history(EP, T0.plusSeconds(300L * 29)));
        assertThat(store.history(EP, 100)).hasSize(30);
        assertThat(store.history(EP, 0)).isEmpty();
        assertThat(store.history(OTHER, 10)).containsExactly(history(OTHER, T0.plusSeconds(100_000)));
        assertThat(store.history(id("never"), 10)).isEmpty();
    }

    @Test
    void historyAfterACheckIsTheNewerChecksUntilThatCheckLeavesTheHistory() {
        List<Instant> times = IntStream.range(0, 30).mapToObj(i -> T0.plusSeconds(300L * i)).toList();
        times.forEach(t -> store.appendHistory(history(EP, t)));
        store.appendHistory(history(OTHER, times.get(29).plusSeconds(1)));

        assertThat(store.historyAfter(EP, 10, times.get(27))).contains(List.of(history(EP, times.get(29)),
                history(EP, times.get(28))));
        assertThat(store.historyAfter(EP, 10, times.get(29))).contains(List.of());
        assertThat(store.historyAfter(EP, 10, times.get(19))).as("the 11th newest: ten checks since")
                .contains(store.history(EP, 10));
        assertThat(store.historyAfter(EP, 10, times.get(18))).as("more than ten checks since").isEmpty();
        assertThat(store.historyAfter(EP, 10, times.get(27).plusSeconds(1))).as("no check then").isEmpty();

        store.supersede(EP, times.get(29).plusSeconds(5));
        assertThat(store.historyAfter(EP, 10, times.get(29))).as("superseded since").isEmpty();
    }

    @Test
    void manyHistoryItemsAreAppendedAtOnceAndAgainWithoutDuplicates() {
        List<HistoryEntry> shard = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            shard.add(history(id("ep-%02d".formatted(i % 30)), T0.plusSeconds(i)));
        }

        store.appendHistory(shard);
        store.appendHistory(shard);

        assertThat(store.history(id("ep-07"), 10)).containsExactly(history(id("ep-07"), T0.plusSeconds(37)),
                history(id("ep-07"), T0.plusSeconds(7)));
        assertThat(IntStream.range(0, 30).map(i -> store.history(id("ep-%02d".formatted(i)), 10).size()).sum()).isEqualTo(60);
        store.appendHistory(List.of());
    }

    @Test
    void appendingTheSameCheckTwiceKeepsOneEntry() {
        store.appendHistory(history(EP, T0));
        store.appendHistory(history(EP, T0));

        assertThat(store.history(EP, 10)).containsExactly(history(EP, T0));
    }

    @Test
    void supersedeRemovesTheSnapshotAndTheHistoryCheckedBeforeItOfThatEndpointOnly() {
        store.putIfNewer(okSnapshot(EP, T0), Optional.empty());
        store.putIfNewer(okSnapshot(OTHER, T0), Optional.empty());
        IntStream.range(0, 60).forEach(i -> store.appendHistory(history(EP, T0.plusSeconds(i))));
        store.appendHistory(history(OTHER, T0));

        store.supersede(EP, T0.plusSeconds(60));

        assertThat(store.latest(EP)).isEmpty();
        assertThat(store.latest(List.of(EP, OTHER))).containsOnlyKeys(OTHER);
        assertThat(store.history(EP, 100)).isEmpty();
        assertThat(store.latest(OTHER)).isPresent();
        assertThat(store.history(OTHER, 10)).hasSize(1);
        store.supersede(id("never"), T0);
        assertThat(store.latest(id("never"))).isEmpty();
    }

    /** A probe in flight across a change of its entry: its late result is refused however it was computed. */
    @Test
    void aCheckMadeBeforeTheEntryWasSupersededIsRefusedAndOneMadeAfterIsWritten() {
        store.putIfNewer(okSnapshot(EP, T0), Optional.empty());
        Instant changed = T0.plusSeconds(30);
        store.supersede(EP, changed);

        assertThat(store.putIfNewer(failedSnapshot(EP, T0.plusSeconds(10), 1), Optional.of(T0)))
                .isEqualTo(DROPPED_SUPERSEDED);
        assertThat(store.putIfNewer(failedSnapshot(EP, T0.plusSeconds(10), 1), Optional.empty()))
                .isEqualTo(DROPPED_SUPERSEDED);
        assertThat(store.putIfNewer(failedSnapshot(EP, changed, 1), Optional.empty()))
                .as("a check at the very moment of the change predates it").isEqualTo(DROPPED_SUPERSEDED);
        assertThat(store.latest(EP)).isEmpty();

        assertThat(store.putIfNewer(okSnapshot(EP, changed.plusMillis(1)), Optional.empty())).isEqualTo(WRITTEN);
        assertThat(store.latest(EP)).contains(okSnapshot(EP, changed.plusMillis(1)));
        assertThat(store.putIfNewer(failedSnapshot(EP, T0.plusSeconds(20), 1), Optional.empty()))
                .as("older than the stored check after the change").isEqualTo(DROPPED_NOT_NEWER);
        assertThat(store.latest(EP)).contains(okSnapshot(EP, changed.plusMillis(1)));
    }

    /** Two changes in quick succession, recorded out of order: the later one still bars the checks before it. */
    @Test
    void anEarlierSupersedeRecordedAfterALaterOneDoesNotLowerTheBar() {
        store.supersede(EP, T0.plusSeconds(30));
        store.supersede(EP, T0.plusSeconds(10));

        assertThat(store.putIfNewer(okSnapshot(EP, T0.plusSeconds(20)), Optional.empty())).isEqualTo(DROPPED_SUPERSEDED);
        assertThat(store.putIfNewer(okSnapshot(EP, T0.plusSeconds(31)), Optional.empty())).isEqualTo(WRITTEN);
    }

    /** A change that meets a check already made after it (a "check now" racing the edit) keeps that check. */
    @Test
    void supersedeKeepsASnapshotAndHistoryCheckedAfterIt() {
        store.putIfNewer(okSnapshot(EP, T0.plusSeconds(40)), Optional.empty());
        store.appendHistory(history(EP, T0));
        store.appendHistory(history(EP, T0.plusSeconds(40)));

        store.supersede(EP, T0.plusSeconds(30));

        assertThat(store.latest(EP)).contains(okSnapshot(EP, T0.plusSeconds(40)));
        assertThat(store.history(EP, 10)).containsExactly(history(EP, T0.plusSeconds(40)));
    }

    /**
     * 1,000 probes of one endpoint finish in shuffled order on many threads, each writing as a real writer does:
     * read the stored snapshot, compute the next one from it, write conditionally, recompute on PREVIOUS_CHANGED.
     */
    @Test
    void concurrentWritersInShuffledOrderNeverRegressAndTheNewestWins() throws Exception {
        List<Instant> times = new ArrayList<>(IntStream.range(0, 1_000).mapToObj(i -> T0.plusMillis(i)).toList());
        Collections.shuffle(times, new Random(1_000));
        Instant newest = T0.plusMillis(999);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> regressions = new ConcurrentLinkedQueue<>();

        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> watcher = pool.submit(() -> {
                Instant seen = Instant.MIN;
                while (writing.get()) {
                    Optional<Instant> now = store.latest(EP).map(HealthSnapshot::checkedAt);
                    if (now.isPresent()) {
                        if (now.get().isBefore(seen)) {
                            regressions.add(now.get() + " after " + seen);
                        }
                        seen = now.get();
                    }
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                List<Instant> share = times.subList(w * 125, (w + 1) * 125);
                writers.add(pool.submit(() -> share.forEach(t -> {
                    switch (writeLikeAProbe(t)) {
                        case WRITTEN -> written.incrementAndGet();
                        case DROPPED_NOT_NEWER -> dropped.incrementAndGet();
                        case PREVIOUS_CHANGED -> throw new AssertionError("the writer loop ends only on a final result");
                    }
                })));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            watcher.get(10, TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }

        HealthSnapshot last = store.latest(EP).orElseThrow();
        assertThat(regressions).isEmpty();
        assertThat(last.checkedAt()).isEqualTo(newest);
        assertThat(written.get() + dropped.get()).isEqualTo(1_000);
        // Each written snapshot counted one more failure than the one it replaced: no write was lost or skipped.
        assertThat(last.consecutiveFailures()).isEqualTo(written.get());
        droppedStaleWrites(store).ifPresent(count -> assertThat(count).isEqualTo(dropped.get()));
    }

    private PutResult writeLikeAProbe(Instant checkedAt) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Optional<HealthSnapshot> previous = store.latest(EP);
            int failures = previous.map(HealthSnapshot::consecutiveFailures).orElse(0) + 1;
            PutResult result = store.putIfNewer(failedSnapshot(EP, checkedAt, failures),
                    previous.map(HealthSnapshot::checkedAt));
            if (result != PREVIOUS_CHANGED) {
                return result;
            }
        }
        throw new AssertionError("a writer kept seeing PREVIOUS_CHANGED for " + checkedAt);
    }
}
