package dev.mcpulse.domain.service;

import dev.mcpulse.domain.DerivedStatus;
import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.HealthSnapshot;
import dev.mcpulse.domain.Latency;
import dev.mcpulse.domain.ProbeOutcome;
import dev.mcpulse.domain.ProbeResult;
import dev.mcpulse.domain.ProbeStep;
import dev.mcpulse.domain.StatusChange;
import dev.mcpulse.domain.StatusPolicy;
import dev.mcpulse.domain.Transport;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.port.StatusChangePublisher;
import dev.mcpulse.domain.service.CredentialLookup.Credential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks endpoints and records what it saw: resolve the credential, probe all endpoints concurrently (each
 * under its own deadline, one endpoint's failure never touching another), then write every snapshot. A store
 * failure is thrown only after every other endpoint was written, so one bad write loses nothing else.
 */
public final class EndpointChecker {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointChecker.class);
    /** A prober must finish within the endpoint's deadline; this is the safety net if one ever does not. */
    private static final Duration OVERRUN_ALLOWANCE = Duration.ofSeconds(2);

    private final CredentialLookup credentials;
    private final Prober prober;
    private final SnapshotRecorder recorder;
    private final StatusPolicy statusPolicy;
    private final StatusChangePublisher publisher;
    private final Clock clock;
    private final Duration interval;

    public EndpointChecker(SecretResolver secrets, Prober prober, SnapshotStore store, StatusPolicy statusPolicy,
                           StatusChangePublisher publisher, Clock clock, Duration interval) {
        this.credentials = new CredentialLookup(secrets);
        this.prober = prober;
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
    public static final class StorageFailure extends RuntimeException {
        public StorageFailure(int failed, int total, RuntimeException first) {
            super(failed + " of " + total + " snapshots could not be stored", first);
        }
    }

    /** A probe and its outcome, not yet recorded. */
    public record Probed(Endpoint endpoint, Credential credential, Instant checkedAt, ProbeResult result) {
        public List<String> secretValues() {
            return credential.secretValue().map(v -> List.of(v.reveal())).orElse(List.of());
        }
    }

    /** Probes without storing anything (validate-before-save). */
    public CompletableFuture<Probed> probe(Endpoint endpoint) {
        Credential credential = credentials.credentialFor(endpoint);
        Instant checkedAt = clock.instant();
        if (credential instanceof Credential.Missing missing) {
            return CompletableFuture.completedFuture(
                    new Probed(endpoint, credential, checkedAt, ProbeResult.notDialled(missing.outcome())));
        }
        Duration limit = endpoint.timeout().plus(OVERRUN_ALLOWANCE);
        // The timeout completes with null rather than with overrun(...): that argument would be evaluated (and its
        // ERROR line logged) for every probe, not only for one that overran.
        return prober.probe(endpoint, credential.secretValue())
                .exceptionally(failure -> overrun(endpoint, "the prober failed unexpectedly"))
                .completeOnTimeout(null, limit.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(result -> result != null ? result : overrun(endpoint, "the prober overran its deadline"))
                .thenApply(result -> new Probed(endpoint, credential, checkedAt, result));
    }

    /** Probes all endpoints concurrently, then records each; throws {@link StorageFailure} if any write failed. */
    public List<Checked> checkAll(List<Endpoint> endpoints) {
        List<CompletableFuture<Probed>> probes = endpoints.stream().map(this::probe).toList();
        List<Checked> checked = new ArrayList<>();
        RuntimeException firstFailure = null;
        int failures = 0;
        for (CompletableFuture<Probed> probe : probes) {
            Probed probed = probe.join();
            try {
                checked.add(record(probed));
            } catch (RuntimeException e) {
                failures++;
                firstFailure = firstFailure == null ? e : firstFailure;
                LOG.atError().addKeyValue("endpointId", probed.endpoint().id().value())
                        .log("snapshot could not be stored: {}", e.getClass().getSimpleName());
            }
        }
        if (failures > 0) {
            throw new StorageFailure(failures, endpoints.size(), firstFailure);
        }
        return checked;
    }

    /** Probes one endpoint now and stores the result ("check now"). */
    public Checked checkNow(Endpoint endpoint) {
        return checkAll(List.of(endpoint)).getFirst();
    }

    private Checked record(Probed probed) {
        Endpoint endpoint = probed.endpoint();
        SnapshotRecorder.Recorded recorded = recorder.record(endpoint.id(), probed.result(), probed.checkedAt(),
                endpoint.intervalOr(interval), probed.secretValues());
        Instant now = clock.instant();
        DerivedStatus after = statusAt(endpoint, probed.credential(), recorded.written().or(recorded::previous), now);
        recorded.written().ifPresent(written -> AuthEscalation.report(endpoint, written));
        if (recorded.written().isPresent()) {
            DerivedStatus before = statusAt(endpoint, probed.credential(), recorded.previous(), now);
            if (!before.equals(after)) {
                publisher.publish(new StatusChange(endpoint.id(), before, after, probed.checkedAt()));
            }
        }
        ProbeOutcome outcome = probed.result().outcome();
        LOG.atInfo()
                .addKeyValue("endpointId", endpoint.id().value())
                .addKeyValue("outcome", outcome.kind().code())
                .addKeyValue("status", after.status().code())
                .addKeyValue("reason", after.reason().code())
                .addKeyValue("latencyMs", probed.result().latency().totalMs())
                .addKeyValue("stored", recorded.result().name().toLowerCase(java.util.Locale.ROOT))
                .log("probe result");
        return new Checked(endpoint, probed.result(), probed.checkedAt(), recorded, after);
    }

    private DerivedStatus statusAt(Endpoint endpoint, Credential credential, Optional<HealthSnapshot> snapshot,
                                   Instant now) {
        return statusPolicy.derive(endpoint, credential.state(), snapshot, now, interval);
    }

    /**
     * The safety net's result. The step that was running is unknown here, so the first step of the endpoint's
     * transport is named; the ERROR line says the prober, not the server, is at fault.
     */
    private static ProbeResult overrun(Endpoint endpoint, String why) {
        LOG.atError().addKeyValue("endpointId", endpoint.id().value()).log(why);
        ProbeStep firstStep = endpoint.transport() == Transport.SSE ? ProbeStep.SSE_CONNECT : ProbeStep.DISCOVER;
        return new ProbeResult(new ProbeOutcome.Timeout(firstStep, endpoint.timeout()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Latency.total(endpoint.timeout().toMillis()));
    }
}
