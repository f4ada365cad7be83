package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotRecorderTest {

    static final EndpointId ID = new EndpointId("ep");
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final ProbeResult TIMEOUT = failed(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofSeconds(10)));

    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final SnapshotRecorder recorder = new SnapshotRecorder(store);

    @Test
    void aLateOlderResultIsDroppedButItsCheckStaysInHistory() {
        recorder.record(ID, ok(), T0.plusSeconds(60), INTERVAL, List.of());

        var late = recorder.record(ID, TIMEOUT, T0, INTERVAL, List.of());

        assertThat(late.result()).isEqualTo(SnapshotStore.PutResult.DROPPED_NOT_NEWER);
        assertThat(store.latest(ID)).map(HealthSnapshot::outcome).contains(OutcomeKind.OK);
        assertThat(store.history(ID, 10)).extracting(HistoryEntry::checkedAt).containsExactly(T0.plusSeconds(60), T0);
    }

    @Test
    void countersAreComputedFromTheStoredSnapshot() {
        recorder.record(ID, TIMEOUT, T0, INTERVAL, List.of());
        var second = recorder.record(ID, TIMEOUT, T0.plusSeconds(300), INTERVAL, List.of());

        assertThat(second.previous()).map(HealthSnapshot::consecutiveFailures).contains(1);
        assertThat(second.written()).map(HealthSnapshot::consecutiveFailures).contains(2);
    }

    @Test
    void aSnapshotChangedByAnotherWriterIsRecomputedSoNoCheckIsSkipped() {
        var racing = new DelegatingStore(store) {
            boolean raced;

            @Override
            public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
                if (!raced) {
                    raced = true; // another writer stores an older check first
                    HealthSnapshot other = BackoffPolicy.next(Optional.empty(), ID, TIMEOUT, T0.minusSeconds(1), INTERVAL, List.of());
                    assertThat(store.putIfNewer(other, Optional.empty())).isEqualTo(PutResult.WRITTEN);
                }
                return super.putIfNewer(next, basedOn);
            }
        };

        var recorded = new SnapshotRecorder(racing).record(ID, TIMEOUT, T0, INTERVAL, List.of());

        assertThat(recorded.result()).isEqualTo(SnapshotStore.PutResult.WRITTEN);
        assertThat(recorded.written()).map(HealthSnapshot::consecutiveFailures).contains(2);
    }

    @Test
    void aSnapshotReadBeforeIsWrittenFromWithoutReadingAgain() {
        recorder.record(ID, TIMEOUT, T0, INTERVAL, List.of());
        Optional<HealthSnapshot> readBefore = store.latest(ID);
        var counting = new CountingStore(store);

        var recorded = new SnapshotRecorder(counting).writeSnapshot(ID, TIMEOUT, T0.plusSeconds(300), INTERVAL, List.of(),
                readBefore);

        assertThat(recorded.result()).isEqualTo(SnapshotStore.PutResult.WRITTEN);
        assertThat(recorded.written()).map(HealthSnapshot::consecutiveFailures).contains(2);
        assertThat(counting.reads).isZero();
        assertThat(store.history(ID, 10)).hasSize(1); // writeSnapshot leaves the history to its caller
    }

    @Test
    void aStaleSnapshotReadBeforeIsRefusedByTheStoreAndTheWriteIsRecomputedFromAFreshRead() {
        Optional<HealthSnapshot> stale = Optional.empty(); // read before another writer stored its check
        recorder.record(ID, TIMEOUT, T0, INTERVAL, List.of());

        var recorded = recorder.writeSnapshot(ID, TIMEOUT, T0.plusSeconds(300), INTERVAL, List.of(), stale);

        assertThat(recorded.result()).isEqualTo(SnapshotStore.PutResult.WRITTEN);
        assertThat(recorded.previous()).map(HealthSnapshot::checkedAt).contains(T0);
        assertThat(recorded.written()).map(HealthSnapshot::consecutiveFailures).contains(2);
    }

    @Test
    void aDroppedWriteReportsTheSnapshotThatStays() {
        Optional<HealthSnapshot> stale = Optional.empty();
        recorder.record(ID, ok(), T0.plusSeconds(60), INTERVAL, List.of());

        var late = recorder.writeSnapshot(ID, TIMEOUT, T0, INTERVAL, List.of(), stale);

        assertThat(late.result()).isEqualTo(SnapshotStore.PutResult.DROPPED_NOT_NEWER);
        assertThat(late.previous()).map(HealthSnapshot::outcome).contains(OutcomeKind.OK);
    }

    @Test
    void aStoreFailureReachesTheCaller() {
        var broken = new DelegatingStore(store) {
            @Override
            public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
                throw new IllegalStateException("table unavailable");
            }
        };

        assertThatThrownBy(() -> new SnapshotRecorder(broken).record(ID, ok(), T0, INTERVAL, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("table unavailable");
    }

    /** Counts single-snapshot reads. */
    static class CountingStore extends DelegatingStore {
        int reads;

        CountingStore(SnapshotStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<HealthSnapshot> latest(EndpointId id) {
            reads++;
            return super.latest(id);
        }
    }

    /** Passes everything to a real store; tests override the one call whose fault they make. */
    static class DelegatingStore implements SnapshotStore {
        private final SnapshotStore delegate;

        DelegatingStore(SnapshotStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public PutResult putIfNewer(HealthSnapshot next, Optional<Instant> basedOn) {
            return delegate.putIfNewer(next, basedOn);
        }

        @Override
        public Optional<HealthSnapshot> latest(EndpointId id) {
            return delegate.latest(id);
        }

        @Override
        public Map<EndpointId, HealthSnapshot> latest(Collection<EndpointId> ids) {
            return delegate.latest(ids);
        }

        @Override
        public void appendHistory(HistoryEntry entry) {
            delegate.appendHistory(entry);
        }

        @Override
        public List<HistoryEntry> history(EndpointId id, int limit) {
            return delegate.history(id, limit);
        }

        @Override
        public void supersede(EndpointId id, Instant at) {
            delegate.supersede(id, at);
        }
    }
}
