package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.service.CredentialLookup.Credential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probing as the monitor probes: the credential resolved, the probe admitted under the process's bound
 * ({@link ProbeAdmission}, its deadline starting only then), and a timeout that coincides with this process's own
 * overload ({@link OverloadGuard}) made again rather than taken as a verdict on the server. The monitor's checks and
 * {@code mcpulse-probe --fleet --all} share it, so a deploy gate judges servers exactly as the monitor does.
 */
public final class GuardedProber {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedProber.class);
    /** A prober must finish within the endpoint's deadline; this is the safety net if one ever does not. */
    private static final Duration OVERRUN_ALLOWANCE = Duration.ofSeconds(2);
    /** How many more times a probe spoiled by this process's overload is made. */
    public static final int MAX_RETRIES = OverloadGuard.MAX_RETRIES;

    /**
     * Where a refused credential's secret is read again: a blocking call to the secret store, which must not run on
     * the probe client's event loop that completed the probe. Rare (a refusal), so a small pool of daemon threads.
     */
    private static final Executor ROTATION_CHECKS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("secret-rotation-", 0).factory());

    private final CredentialLookup credentials;
    private final Prober prober;
    private final ProbeAdmission admission;
    private final LocalLoad load;

    /**
     * {@code admission}: the one bound on probes in flight in this process; {@code load}: this process's hold-ups,
     * measured while each probe runs.
     */
    public GuardedProber(CredentialLookup credentials, Prober prober, ProbeAdmission admission, LocalLoad load) {
        this.credentials = credentials;
        this.prober = prober;
        this.admission = admission;
        this.load = load;
    }

    /** The moment a run of probes starts, from which their shared {@code budget} is measured. */
    public LocalLoad.Mark mark() {
        return load.mark();
    }

    /**
     * A probe's failure when every attempt ran while this process was overloaded and no time or attempt was left:
     * no verdict is stored (the fault is mcpulse's), and the invocation does not fail for it.
     */
    public static final class LocalOverload extends RuntimeException implements FailureDescription.SafeMessage {
        public LocalOverload(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A probe and its outcome, not yet recorded; {@code stalled}: how long this process was held up during the attempt
     * whose outcome this is (zero when nothing was dialled), which the outcome's log line shows.
     */
    public record Probed(Endpoint endpoint, Credential credential, Instant checkedAt, ProbeResult result,
                         Duration stalled) {
        public List<String> secretValues() {
            return credential.secretValue().map(v -> List.of(v.reveal())).orElse(List.of());
        }
    }

    /**
     * A probe whose outcome is recorded only if it is a verdict on the server: an attempt that ran out of time while
     * this process was overloaded is made again later (at the back of the admission queue, under the lowered bound),
     * at most {@value OverloadGuard#MAX_RETRIES} more times and only while a whole deadline still fits the
     * invocation's {@code budget} (measured from {@code invocation}); failing that, the future fails with
     * {@link LocalOverload}.
     */
    public CompletableFuture<Probed> verdict(Endpoint endpoint, Instant checkedAt, LocalLoad.Mark invocation,
                                             Duration budget) {
        Credential credential = credentials.credentialFor(endpoint);
        if (credential instanceof Credential.Missing missing) {
            return CompletableFuture.completedFuture(new Probed(endpoint, credential, checkedAt,
                    ProbeResult.notDialled(missing.outcome()), Duration.ZERO));
        }
        return guarded(endpoint, credential, checkedAt, invocation, budget, endpoint.timeout(),
                OverloadGuard.MAX_RETRIES)
                .thenCompose(probed -> !refusedCredential(probed.result()) || credential.secretValue().isEmpty()
                        ? CompletableFuture.completedFuture(probed)
                        : CompletableFuture.supplyAsync(() -> credentials.rotated(endpoint, credential), ROTATION_CHECKS)
                                .thenCompose(fresh -> fresh
                                        .map(f -> withRotatedSecret(endpoint, f, checkedAt, invocation, budget))
                                        .orElseGet(() -> CompletableFuture.completedFuture(probed))));
    }

    /**
     * A retry's stretched deadline, shortened to what is {@code left} of the budget (its overrun allowance kept) but
     * never below the endpoint's own deadline: a server still gets a whole deadline, and a caller with little time
     * (check now, behind a gateway) still gets a retry instead of none.
     */
    static Duration fitted(Duration stretched, Duration ownDeadline, Duration left) {
        Duration room = left.minus(OVERRUN_ALLOWANCE).minusMillis(1);
        return stretched.compareTo(room) > 0 && room.compareTo(ownDeadline) >= 0 ? room : stretched;
    }

    /** The server (or its authorization server) refused the credential: it may be a secret rotated since cached. */
    private static boolean refusedCredential(ProbeResult result) {
        OutcomeKind kind = result.outcome().kind();
        return kind == OutcomeKind.AUTH_REJECTED || kind == OutcomeKind.AUTH_SERVER_REFUSED;
    }

    /** {@code fresh}: the secret's current value ({@link CredentialLookup#rotated} gives only an available one). */
    private CompletableFuture<Probed> withRotatedSecret(Endpoint endpoint, Credential fresh, Instant checkedAt,
                                                        LocalLoad.Mark invocation, Duration budget) {
        LOG.atInfo().addKeyValue("endpointId", endpoint.id().value())
                .log("the credential was refused and its secret has changed since it was cached; probing with the current value");
        return guarded(endpoint, fresh, checkedAt, invocation, budget, endpoint.timeout(), OverloadGuard.MAX_RETRIES);
    }

    private CompletableFuture<Probed> guarded(Endpoint endpoint, Credential credential, Instant checkedAt,
                                              LocalLoad.Mark invocation, Duration budget, Duration wallDeadline,
                                              int retriesLeft) {
        // A retry waits for admission behind other probes: when its turn comes, it must still fit the budget. (A
        // first attempt always runs, as it did before retries existed: the shard's wait already left room for it.)
        boolean retry = retriesLeft < OverloadGuard.MAX_RETRIES;
        Supplier<Optional<LocalOverload>> refusal = () -> retry
                && budget.minus(invocation.elapsed()).compareTo(wallDeadline.plus(OVERRUN_ALLOWANCE)) <= 0
                ? Optional.of(new LocalOverload("every attempt at " + endpoint.id().value()
                        + " ran while mcpulse was overloaded, and no time is left"))
                : Optional.empty();
        return attempt(endpoint, credential, wallDeadline, refusal).thenCompose(attempt -> {
            ProbeOutcome outcome = attempt.result().outcome();
            // The admission bound follows what overload costs: lowered by an attempt it spoiled, raised by verdicts.
            // (Overload alone is no reason: a neighbour's load does not go away when fewer probes run.)
            if (OverloadGuard.isVerdict(outcome, endpoint.timeout(), wallDeadline, attempt.window())) {
                admission.clear();
                return CompletableFuture.completedFuture(
                        new Probed(endpoint, credential, checkedAt, attempt.result(), attempt.window().stalled()));
            }
            admission.overloaded();
            Duration left = budget.minus(invocation.elapsed());
            Duration next = fitted(OverloadGuard.nextDeadline(endpoint.timeout(), attempt.window()), endpoint.timeout(),
                    left);
            boolean fits = left.compareTo(next.plus(OVERRUN_ALLOWANCE)) > 0;
            if (retriesLeft > 0 && fits) {
                LOG.atInfo().addKeyValue("endpointId", endpoint.id().value()).addKeyValue("outcome", outcome.kind().code())
                        .addKeyValue("stalledMs", attempt.window().stalled().toMillis())
                        .addKeyValue("elapsedMs", attempt.window().elapsed().toMillis())
                        .log("the probe ran while mcpulse was overloaded; probing again later instead of recording it");
                return guarded(endpoint, credential, checkedAt, invocation, budget, next, retriesLeft - 1);
            }
            return CompletableFuture.failedFuture(new LocalOverload("every attempt at " + endpoint.id().value()
                    + " ran while mcpulse was overloaded, and " + (fits ? "no attempt" : "no time") + " is left"));
        });
    }

    /** One attempt's result, and how much of its time this process was held up. */
    private record Attempt(ProbeResult result, OverloadGuard.Window window) {
    }

    /**
     * One attempt, given {@code wallDeadline} (the endpoint's deadline, or a retry's stretched one), unless
     * {@code refusal} gives a reason not to start it once admitted (the future then fails with it). A timeout is
     * reported against the endpoint's own deadline: a stretched attempt is retried only after the server had at
     * least that much of this process's attention.
     */
    private CompletableFuture<Attempt> attempt(Endpoint endpoint, Credential credential, Duration wallDeadline,
                                               Supplier<Optional<LocalOverload>> refusal) {
        Endpoint probed = wallDeadline.equals(endpoint.timeout()) ? endpoint : new Endpoint(endpoint.id(),
                endpoint.name(), endpoint.labels(), endpoint.url(), endpoint.transport(), endpoint.auth(), wallDeadline,
                endpoint.readiness(), endpoint.enabled(), endpoint.interval());
        Duration limit = wallDeadline.plus(OVERRUN_ALLOWANCE);
        // A prober reports every failure of the server as an outcome, so anything it throws (an Error such as
        // StackOverflowError or a LinkageError, or a RuntimeException: a bug) is mcpulse's fault, not the server's.
        // It is not turned into a verdict (that would blame the server and grow its back-off): the future fails, and
        // checkAll stores nothing for this endpoint and fails the invocation once its siblings are stored.
        // Admitted when a place is free: the prober's deadline, and the safety net's, start then (a thrown Error is
        // contained by the admission and fails the future). The load is measured over the same window.
        // The timeout completes with null rather than with overrun(...): that argument would be evaluated (and its
        // ERROR line logged) for every probe, not only for one that overran.
        return admission.admit(() -> {
            Optional<LocalOverload> refused = refusal.get();
            if (refused.isPresent()) {
                return CompletableFuture.failedFuture(refused.get());
            }
            LocalLoad.Mark mark = load.mark();
            return prober.probe(probed, credential.secretValue())
                    .completeOnTimeout(null, limit.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(result -> {
                        OverloadGuard.Window window = new OverloadGuard.Window(mark.elapsed(), mark.stalled());
                        ProbeResult seen = result != null ? result : overrun(probed, "the prober overran its deadline");
                        return new Attempt(againstOwnDeadline(seen, endpoint.timeout()), window);
                    });
        });
    }

    /** A timeout of a stretched attempt, reported as the endpoint's own deadline passing (see attempt). */
    private static ProbeResult againstOwnDeadline(ProbeResult result, Duration deadline) {
        if (!(result.outcome() instanceof ProbeOutcome.Timeout timeout) || timeout.deadline().equals(deadline)) {
            return result;
        }
        return new ProbeResult(new ProbeOutcome.Timeout(timeout.failedStep(), deadline), result.lastHttpStatus(),
                result.era(), result.protocolVersion(), result.serverName(), result.serverVersion(),
                result.toolsCount(), result.toolsHash(), result.latency());
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
