package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.Prober;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The probe (DESIGN section 3): a diagnostic MCP client that says why a server is or is not usable. Each probe is
 * one non-blocking pipeline under one hard deadline; whatever the server does, the future completes normally
 * with a {@link ProbeResult}. All probes share one HTTP client, so they all use the same configuration.
 */
public final class McpProber implements Prober {

    /** Time allowed, within the deadline, to end a legacy session politely; it never changes the outcome. */
    private static final Duration CLOSE_BUDGET = Duration.ofSeconds(1);

    /**
     * Reactor's per-subscription hook for errors that arrive after a subscriber went away. A server that answers
     * after the deadline (or after the awaited SSE message) makes the HTTP client report its late reply there;
     * the probe already has its outcome, so the late reply is ignored instead of logged as an error.
     */
    private static final String ERRORS_AFTER_CANCEL = "reactor.onErrorDropped.local";
    private static final Consumer<Throwable> IGNORE = late -> { };

    private final McpHttp http;
    private final EraDetector detector;

    public McpProber(ProbeHttpClient client, McpLimits limits, EraCache eraCache) {
        this.http = new McpHttp(client, limits);
        this.detector = new EraDetector(eraCache);
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint, Optional<SecretValue> credential) {
        if (endpoint.needsSecret() && credential.isEmpty()) {
            return CompletableFuture.completedFuture(ProbeResult.notDialled(
                    new ProbeOutcome.AuthMissing("no credential was resolved for " + endpoint.auth().secret().orElseThrow())));
        }
        ProbeTrace trace = new ProbeTrace(System::nanoTime);
        try {
            return run(ProbeRun.of(endpoint, credential, http, trace)).toFuture();
        } catch (RuntimeException e) {
            // Building the pipeline cannot fail for a valid endpoint; if it ever does, it is still a value.
            return CompletableFuture.completedFuture(trace.result(new ProbeOutcome.ProtocolError(
                    trace.step(), Optional.empty(), "the probe could not start (" + e.getClass().getSimpleName() + ")")));
        }
    }

    private Mono<ProbeResult> run(ProbeRun run) {
        Duration deadline = run.endpoint().timeout();
        ToolHeaders toolHeaders = new ToolHeaders();
        AtomicReference<McpSession> opened = new AtomicReference<>();
        return detector.connect(run, toolHeaders)
                .doOnNext(opened::set)
                .flatMap(session -> new ProbeChecks(run, session, toolHeaders).run())
                .timeout(deadline)
                // An Error (stack overflow, out of memory, a failed assertion) is not something the server did: it
                // fails the probe's future, loudly, instead of becoming a verdict about the server.
                .onErrorResume(failure -> !(failure instanceof Error), failure -> Mono.just(classify(failure, run, deadline)))
                .flatMap(outcome -> close(opened.get(), run, deadline).thenReturn(run.trace().result(outcome)))
                .contextWrite(Context.of(ERRORS_AFTER_CANCEL, IGNORE));
    }

    private static ProbeOutcome classify(Throwable failure, ProbeRun run, Duration deadline) {
        if (failure instanceof TimeoutException) {
            return new ProbeOutcome.Timeout(run.trace().step(), deadline);
        }
        return run.classifier().transport(failure, run.trace().step(), deadline);
    }

    private static Mono<Void> close(McpSession session, ProbeRun run, Duration deadline) {
        if (session == null) {
            return Mono.empty();
        }
        long remaining = deadline.toMillis() - run.trace().elapsedMillis();
        Duration budget = Duration.ofMillis(Math.max(0, Math.min(CLOSE_BUDGET.toMillis(), remaining)));
        return session.close().timeout(budget, Mono.empty()).onErrorResume(e -> Mono.empty());
    }
}
