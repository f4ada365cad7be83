package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.ConfirmingCheck;
import dev.mcpulse.domain.health.DerivedStatus;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.SecretState;
import dev.mcpulse.domain.health.StatusChange;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.metrics.Metric;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.MetricsSink;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.port.StatusChangePublisher;
import dev.mcpulse.domain.service.CredentialLookup.Credential;
import dev.mcpulse.domain.service.GuardedProber.LocalOverload;
import dev.mcpulse.domain.service.GuardedProber.Probed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks endpoints and records what it saw: resolve the credential, probe all endpoints concurrently (each
 * under its own deadline, one endpoint's failure never touching another), and write each snapshot as its probe
 * ends. A store failure is thrown only after every other endpoint was written, so one bad write loses nothing else.
 */
public final class EndpointChecker {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointChecker.class);
    /** Stored snapshots are read this many at a time: a size every store reads in one request. */
    static final int READ_SLICE = 100;
    /**
     * The time {@link #checkAll(List)} may take, retries of probes spoiled by overload included: what a probe shard
     * gets, derived from the probe function's timeout rather than kept beside it (it was 110 s for a 120 s timeout
     * that has since become 60 s).
     */
    public static final Duration DEFAULT_BUDGET = ShardProbe.INVOCATION_TIME.minus(ShardProbe.WRITE_MARGIN);

    private final CredentialLookup credentials;
    private final GuardedProber guarded;
    private final SnapshotStore snapshots;
    private final SnapshotRecorder recorder;
    private final StatusPolicy statusPolicy;
    private final StatusChangePublisher publisher;
    private final Clock clock;
    private final Duration interval;
    private final MetricsSink metrics;

    /** This machine's admission bound, no metrics: for tests and tools. */
    public EndpointChecker(SecretResolver secrets, Prober prober, SnapshotStore store, StatusPolicy statusPolicy,
                           StatusChangePublisher publisher, Clock clock, Duration interval) {
        this(secrets, prober, store, statusPolicy, publisher, clock, interval, ProbeAdmission.forThisMachine(),
                MetricsSink.NONE);
    }

    /**
     * {@code admission}: the one bound on probes in flight in this process, shared by every check; {@code metrics}:
     * receives one batch per {@link #checkAll} (a shard, or one "check now").
     */
    public EndpointChecker(SecretResolver secrets, Prober prober, SnapshotStore store, StatusPolicy statusPolicy,
                           StatusChangePublisher publisher, Clock clock, Duration interval, ProbeAdmission admission,
                           MetricsSink metrics) {
        this(secrets, prober, store, statusPolicy, publisher, clock, interval, admission, metrics, LocalLoad.NONE);
    }

    /**
     * {@code load}: this process's hold-ups, measured while each probe runs; a timeout that coincides with overload
     * is probed again later instead of being recorded (see {@link OverloadGuard}), and overload lowers the admission
     * bound.
     */
    public EndpointChecker(SecretResolver secrets, Prober prober, SnapshotStore store, StatusPolicy statusPolicy,
                           StatusChangePublisher publisher, Clock clock, Duration interval, ProbeAdmission admission,
                           MetricsSink metrics, LocalLoad load) {
        this.metrics = metrics;
        this.credentials = new CredentialLookup(secrets);
        this.guarded = new GuardedProber(credentials, prober, admission, load);
        this.snapshots = store;
        this.recorder = new SnapshotRecorder(store);
        this.statusPolicy = statusPolicy;
        this.publisher = publisher;
        this.clock = clock;
        this.interval = interval;
    }

    /** One endpoint's check: what the probe saw, whether it was stored, and the status before and after. */
    public record Checked(Endpoint endpoint, ProbeResult result, Instant checkedAt,
                          SnapshotRecorder.Recorded recorded, DerivedStatus status) {
    }

    /** Thrown when snapshots could not be stored, after every other endpoint was handled. */
    public static final class StorageFailure extends RuntimeException implements FailureDescription.SafeMessage {
        public StorageFailure(String message, RuntimeException first) {
            super(message, first);
        }
    }

    /**
     * Thrown when a prober threw instead of returning an outcome, after every other endpoint was handled. No verdict
     * is stored for such an endpoint: the fault is mcpulse's, not the server's.
     */
    public static final class ProberFailure extends RuntimeException implements FailureDescription.SafeMessage {
        public ProberFailure(String message, Throwable first) {
            super(message, first);
        }
    }

    /** What one trial probe saw, as the snapshot it would make, and the status the endpoint would have. */
    public record Trial(HealthSnapshot seen, DerivedStatus status) {
    }

    /** Validate-before-save: one probe of an entry that need not be in the registry; nothing is stored. */
    public Trial trial(Endpoint endpoint) {
        return trial(endpoint, DEFAULT_BUDGET);
    }

    /**
     * As {@link #trial(Endpoint)}, judged as the monitor judges: a probe spoiled by this process's own overload is
     * made again while a whole deadline still fits {@code budget}; throws {@link LocalOverload} when none did (no
     * verdict: the server is not blamed for mcpulse's overload).
     */
    public Trial trial(Endpoint endpoint, Duration budget) {
        // As of the entry read just before (a registry change after this moment supersedes it; see RegistryEditor).
        Probed probed;
        try {
            probed = guarded.verdict(endpoint, clock.instant(), guarded.mark(), budget).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LocalOverload overload) {
                throw new LocalOverload("mcpulse was too overloaded to probe " + endpoint.id().value() + " within "
                        + budget.toSeconds() + " s; try again");
            }
            throw e;
        }
        HealthSnapshot seen = BackoffPolicy.next(Optional.empty(), endpoint.id(), probed.result(), probed.checkedAt(),
                interval, probed.secretValues());
        // The secret's state is unknown here: a trial judges the probe, and the probe already met a missing secret.
        DerivedStatus status = statusPolicy.derive(endpoint, SecretState.UNKNOWN, Optional.of(seen), clock.instant(),
                interval);
        return new Trial(seen, status);
    }

    /**
     * Probes all endpoints concurrently and stores each result as soon as its probe ends, so that the writes of a
     * shard overlap its slowest probe instead of following it; throws {@link StorageFailure} if any write failed, and
     * {@link ProberFailure} (before it) if a prober threw instead of returning an outcome.
     * The store is read and written in batches where it can be: the snapshots the writes are computed from in one
     * read per {@value #READ_SLICE} endpoints (while the probes are out), the history items in one append at the
     * end. Returns the checks stored, in the order of {@code endpoints}.
     */
    public List<Checked> checkAll(List<Endpoint> endpoints) {
        return checkAll(endpoints, DEFAULT_BUDGET);
    }

    /**
     * As {@link #checkAll(List)}, with the time the probes may take ({@code budget}, retries included): a probe
     * spoiled by this process's overload is made again while a deadline still fits, and if none does, nothing is
     * stored for its endpoint (a WARN line says so; the invocation does not fail for it).
     */
    public List<Checked> checkAll(List<Endpoint> endpoints, Duration budget) {
        return checkAll(endpoints, budget, Optional.empty());
    }

    /**
     * As {@link #checkAll(List, Duration)}, for one probe shard of a cycle: with its batch {@code slot} (and a store
     * that keeps batches), the checks are stored as one check batch instead of one history item each, and a check
     * that finds nothing an operator sees changed writes no snapshot but confirms the stored one in the batch.
     */
    public List<Checked> checkAll(List<Endpoint> endpoints, Duration budget, Optional<CheckBatch.Slot> slot) {
        return check(endpoints, budget, slot, false, Optional.empty());
    }

    /**
     * A probe shard of a cycle: as {@link #checkAll(List, Duration, Optional)}, after the secrets of its endpoints are
     * read ahead, in as few calls to the secret store as it allows ({@link CredentialLookup#prefetch}) instead of one
     * per secret as each probe starts. That read counts against {@code budget}.
     *
     * <p>{@code firstDelivery}: the shard's timing, on its first delivery (empty when its queue delivers it again).
     * When the probe queue falls behind, the next cycle sends a waiting shard's endpoints again, and both shards
     * would probe them. So a shard that comes late ({@link ShardTiming}) reads the stored snapshots before probing
     * (not while the probes are out, as a shard on time does) and leaves out each endpoint checked since its cycle
     * began, by whichever shard came first: a backlog drains instead of growing by a fleet each cycle. A redelivery
     * probes them all: the endpoints its first attempt checked would look checked already, yet its batch replaces
     * that attempt's.
     */
    public ShardChecks checkShard(List<Endpoint> endpoints, Duration budget, Optional<CheckBatch.Slot> slot,
                                  Optional<ShardTiming> firstDelivery) {
        Optional<ShardTiming> behind = firstDelivery.filter(timing -> timing.behindAt(clock.instant()));
        Optional<Map<EndpointId, HealthSnapshot>> readFirst = Optional.empty();
        List<Endpoint> due = endpoints;
        if (behind.isPresent()) {
            Instant since = behind.get().cycleStartedAt();
            readFirst = readSnapshots(endpoints);
            due = readFirst.map(stored -> notCheckedSince(endpoints, stored, since)).orElse(endpoints);
            if (due.size() < endpoints.size()) {
                LOG.atWarn().addKeyValue("cycleStartedAt", since)
                        .addKeyValue("alreadyChecked", endpoints.size() - due.size())
                        .log("the shard came late (the probe queue is behind): the endpoints checked since its cycle"
                                + " began are left out, not probed twice");
            }
        }
        if (due.isEmpty() && !endpoints.isEmpty()) {
            return new ShardChecks(List.of(), endpoints.size()); // nothing to probe: no empty batch, no metrics of nothing
        }
        return new ShardChecks(check(due, budget, slot, true, readFirst), endpoints.size() - due.size());
    }

    /**
     * A probe shard's place in its cycle: when the cycle began, and when the shard was due (its jitter delay later).
     * It is behind when it comes more than {@link #BEHIND_AFTER} after it was due: a queue that keeps up delivers a
     * shard within seconds of its delay.
     */
    public record ShardTiming(Instant cycleStartedAt, Instant dueAt) {

        public static final Duration BEHIND_AFTER = Duration.ofSeconds(60);

        boolean behindAt(Instant now) {
            return now.isAfter(dueAt.plus(BEHIND_AFTER));
        }
    }

    /**
     * A probe shard's checks, and how many of its endpoints it left out because a check since its cycle began
     * (a later cycle's shard, or "check now") already covers them.
     */
    public record ShardChecks(List<Checked> checked, int alreadyChecked) {
    }

    /** The endpoints whose stored check (a written or a confirming one) is older than {@code since}. */
    private static List<Endpoint> notCheckedSince(List<Endpoint> endpoints, Map<EndpointId, HealthSnapshot> stored,
                                                  Instant since) {
        return endpoints.stream()
                .filter(endpoint -> Optional.ofNullable(stored.get(endpoint.id()))
                        .map(snapshot -> snapshot.lastCheckedAt().isBefore(since)).orElse(true))
                .toList();
    }

    /** {@code readFirst}: the stored snapshots when already read; otherwise they are read while the probes are out. */
    private List<Checked> check(List<Endpoint> endpoints, Duration budget, Optional<CheckBatch.Slot> slot,
                                boolean prefetchSecrets, Optional<Map<EndpointId, HealthSnapshot>> readFirst) {
        boolean batched = slot.isPresent() && snapshots.keepsCheckBatches();
        Instant read = clock.instant(); // the entries were read just before: probes waiting for admission keep it
        LocalLoad.Mark invocation = guarded.mark();
        if (prefetchSecrets) {
            credentials.prefetch(endpoints);
        }
        List<CompletableFuture<Probed>> probes = endpoints.stream()
                .map(endpoint -> guarded.verdict(endpoint, read, invocation, budget)).toList();
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        for (int i = 0; i < probes.size(); i++) {
            int index = i;
            probes.get(i).whenComplete((probed, failure) -> finished.add(index));
        }
        Optional<Map<EndpointId, HealthSnapshot>> readBefore = readFirst.or(() -> readSnapshots(endpoints));

        Checked[] checked = new Checked[endpoints.size()];
        List<BatchedCheck> history = new ArrayList<>(endpoints.size());
        RuntimeException firstFailure = null;
        int failures = 0;
        Throwable firstProberFailure = null;
        int proberFailures = 0;
        int withoutVerdict = 0;
        for (int done = 0; done < probes.size(); done++) {
            int index = next(finished);
            CompletableFuture<Probed> probe = probes.get(index);
            if (probe.isCompletedExceptionally() && failureOf(probe) instanceof LocalOverload overload) {
                LOG.atWarn().addKeyValue("endpointId", endpoints.get(index).id().value())
                        .log("no verdict is stored for this endpoint: {}", overload.getMessage());
                withoutVerdict++;
                continue; // no snapshot and no history item: mcpulse, not the server, could not finish the check
            }
            if (probe.isCompletedExceptionally()) {
                Throwable failure = failureOf(probe);
                LOG.atError().setCause(failure).addKeyValue("endpointId", endpoints.get(index).id().value())
                        .log("the prober failed; no verdict is stored for this endpoint (mcpulse's fault, not the server's)");
                proberFailures++;
                firstProberFailure = firstProberFailure == null ? failure : firstProberFailure;
                continue; // no snapshot and no history item: there is no verdict on the server
            }
            Probed probed = probe.join();
            EndpointId id = probed.endpoint().id();
            HistoryEntry check = SnapshotRecorder.history(id, probed.result(), probed.checkedAt());
            try {
                Optional<HealthSnapshot> stored = readBefore.isPresent()
                        ? Optional.ofNullable(readBefore.get().get(id)) : snapshots.latest(id);
                checked[index] = record(probed, stored, batched);
                // A check of a superseded target is no part of the entry's history either.
                if (checked[index].recorded().result() != PutResult.DROPPED_SUPERSEDED) {
                    history.add(new BatchedCheck(check, checked[index].recorded().confirms()));
                }
            } catch (RuntimeException e) {
                history.add(new BatchedCheck(check, Optional.empty()));
                failures++;
                firstFailure = firstFailure == null ? e : firstFailure;
                LOG.atError().addKeyValue("endpointId", id.value())
                        .log("snapshot could not be stored: {}", FailureDescription.of(e));
            }
        }
        RuntimeException historyFailure = null;
        try {
            if (batched) {
                snapshots.appendChecks(new CheckBatch(slot.get(), history));
            } else {
                snapshots.appendHistory(history.stream().map(BatchedCheck::check).toList());
            }
        } catch (RuntimeException e) {
            historyFailure = e;
            LOG.atError().log("the history of {} checks could not be stored: {}", history.size(), FailureDescription.of(e));
        }
        publishMetrics(probes, checked, failures + (historyFailure != null ? 1 : 0), proberFailures, withoutVerdict);
        // The snapshots are the truth the status is derived from, so their count leads the message.
        StorageFailure storageFailure = null;
        if (failures > 0) {
            storageFailure = new StorageFailure(failures + " of " + endpoints.size() + " snapshots could not be stored"
                    + (historyFailure != null ? ", nor the history of " + history.size() + " checks" : ""), firstFailure);
        } else if (historyFailure != null) {
            storageFailure = new StorageFailure("the history of " + history.size() + " checks could not be stored",
                    historyFailure);
        }
        if (proberFailures > 0) {
            ProberFailure failure = new ProberFailure("the prober failed for " + proberFailures + " of "
                    + endpoints.size() + " endpoints; no verdict was stored for them", firstProberFailure);
            if (storageFailure != null) {
                failure.addSuppressed(storageFailure);
            }
            throw failure;
        }
        if (storageFailure != null) {
            throw storageFailure;
        }
        return Arrays.stream(checked).filter(Objects::nonNull).toList();
    }

    /**
     * One batch per call: how many probes ended with each outcome (what was seen, stored or not), how many endpoints
     * have each status after the check (those stored), every probe's latency, the failed store writes, the prober's
     * failures, the checks left without a verdict by this process's own overload, and the auth escalations. Every
     * outcome and status is in the batch, zeros included, so that a graph shows 0 rather than a gap. Never throws:
     * metrics must not fail the shard they measure.
     */
    private void publishMetrics(List<CompletableFuture<Probed>> probes, Checked[] checked, int storeFailures,
                                int proberFailures, int withoutVerdict) {
        try {
            Map<OutcomeKind, Integer> outcomes = new EnumMap<>(OutcomeKind.class);
            List<Long> latencies = new ArrayList<>();
            for (CompletableFuture<Probed> probe : probes) {
                if (!probe.isCompletedExceptionally()) {
                    ProbeResult result = probe.join().result();
                    outcomes.merge(result.outcome().kind(), 1, Integer::sum);
                    latencies.add(result.latency().totalMs());
                }
            }
            Map<Status, Integer> statuses = new EnumMap<>(Status.class);
            int escalations = 0;
            for (Checked check : checked) {
                if (check != null) {
                    statuses.merge(check.status().status(), 1, Integer::sum);
                    escalations += check.recorded().written().filter(AuthEscalation::escalates).isPresent() ? 1 : 0;
                }
            }
            List<Metric> batch = new ArrayList<>();
            for (OutcomeKind outcome : OutcomeKind.values()) {
                batch.add(Metric.count(MetricNames.outcome(outcome), outcomes.getOrDefault(outcome, 0)));
            }
            for (Status status : Status.values()) {
                batch.add(Metric.count(MetricNames.status(status), statuses.getOrDefault(status, 0)));
            }
            if (!latencies.isEmpty()) {
                batch.add(Metric.milliseconds(MetricNames.PROBE_LATENCY, latencies));
            }
            batch.add(Metric.count(MetricNames.STORE_FAILURES, storeFailures));
            batch.add(Metric.count(MetricNames.PROBER_FAILURES, proberFailures));
            batch.add(Metric.count(MetricNames.CHECKS_WITHOUT_VERDICT, withoutVerdict));
            batch.add(Metric.count(MetricNames.AUTH_ESCALATIONS, escalations));
            metrics.publish(batch);
        } catch (RuntimeException e) {
            LOG.atWarn().log("metrics could not be published: {}", FailureDescription.of(e));
        }
    }

    /** What a failed probe threw, unwrapped from the future's CompletionException. */
    private static Throwable failureOf(CompletableFuture<?> failed) {
        Throwable failure = failed.handle((result, thrown) -> thrown).join();
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The stored snapshots, in slices; empty if the store could not be read (each write then reads its own). */
    private Optional<Map<EndpointId, HealthSnapshot>> readSnapshots(List<Endpoint> endpoints) {
        List<EndpointId> ids = endpoints.stream().map(Endpoint::id).toList();
        Map<EndpointId, HealthSnapshot> stored = new HashMap<>();
        try {
            for (int from = 0; from < ids.size(); from += READ_SLICE) {
                stored.putAll(snapshots.latest(ids.subList(from, Math.min(ids.size(), from + READ_SLICE))));
            }
            return Optional.of(stored);
        } catch (RuntimeException e) {
            LOG.atWarn().log("stored snapshots could not be read in a batch ({}); reading them one by one",
                    FailureDescription.of(e));
            return Optional.empty();
        }
    }

    private static int next(BlockingQueue<Integer> finished) {
        try {
            return finished.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for probes", e);
        }
    }

    /** Probes one endpoint now and stores the result ("check now"), with a shard's time for retries. */
    public Checked checkNow(Endpoint endpoint) {
        return checkNow(endpoint, DEFAULT_BUDGET);
    }

    /**
     * As {@link #checkNow(Endpoint)}, within {@code budget} (retries of a probe spoiled by this process's overload
     * included: a caller that waits, behind a gateway's time limit, passes what it can wait). Throws
     * {@link LocalOverload} when every attempt was spoiled: there is no verdict to return, and none was stored.
     */
    public Checked checkNow(Endpoint endpoint, Duration budget) {
        List<Checked> checked = checkAll(List.of(endpoint), budget);
        if (checked.isEmpty()) {
            throw new LocalOverload("mcpulse was too overloaded to check " + endpoint.id().value()
                    + " within " + budget.toSeconds() + " s; nothing was stored, try again");
        }
        return checked.getFirst();
    }

    private Checked record(Probed probed, Optional<HealthSnapshot> stored, boolean mayConfirm) {
        Endpoint endpoint = probed.endpoint();
        SnapshotRecorder.Recorded recorded = recorder.writeSnapshot(endpoint.id(), probed.result(), probed.checkedAt(),
                endpoint.intervalOr(interval), probed.secretValues(), stored, mayConfirm);
        Instant now = clock.instant();
        // A confirming check freshens the stored snapshot as a write would have (e.g. a stale row comes back).
        // (A newer confirmation already read, by a duplicate delivery of the shard, stays.)
        Optional<HealthSnapshot> confirmed = recorded.confirms().isEmpty() ? Optional.empty()
                : recorded.previous().map(previous -> previous.lastCheckedAt().isAfter(probed.checkedAt()) ? previous
                        : previous.confirmedBy(new ConfirmingCheck(probed.checkedAt(),
                                probed.result().latency().totalMs())));
        DerivedStatus after = statusAt(endpoint, probed.credential(),
                recorded.written().or(() -> confirmed).or(recorded::previous), now);
        recorded.written().ifPresent(written -> AuthEscalation.report(endpoint, written));
        if (recorded.written().isPresent() || confirmed.isPresent()) {
            DerivedStatus before = statusAt(endpoint, probed.credential(), recorded.previous(), now);
            if (!before.equals(after)) {
                publisher.publish(new StatusChange(endpoint.id(), before, after, probed.checkedAt()));
            }
        }
        ProbeOutcome outcome = probed.result().outcome();
        // A line per healthy, unchanged check is most of a fleet's log volume (CloudWatch Logs bills ingestion,
        // docs/cost.md) and says nothing the check batch and the metrics do not: DEBUG. Anything else stays INFO.
        boolean routine = outcome.kind() == OutcomeKind.OK && recorded.result() == PutResult.UNCHANGED;
        (routine ? LOG.atDebug() : LOG.atInfo())
                .addKeyValue("endpointId", endpoint.id().value())
                .addKeyValue("outcome", outcome.kind().code())
                .addKeyValue("status", after.status().code())
                .addKeyValue("reason", after.reason().code())
                .addKeyValue("latencyMs", probed.result().latency().totalMs())
                // What mcpulse itself lost to hold-ups meanwhile: a timeout is recorded only when that was small
                // (OverloadGuard), and the line lets an operator see it was.
                .addKeyValue("stalledMs", probed.stalled().toMillis())
                .addKeyValue("stored", recorded.result().name().toLowerCase(java.util.Locale.ROOT))
                .log("probe result");
        return new Checked(endpoint, probed.result(), probed.checkedAt(), recorded, after);
    }

    private DerivedStatus statusAt(Endpoint endpoint, Credential credential, Optional<HealthSnapshot> snapshot,
                                   Instant now) {
        return statusPolicy.derive(endpoint, credential.state(), snapshot, now, interval);
    }

}
