package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.Prober;
import java.time.Clock;
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
    private final OAuthClient oauth;

    public McpProber(ProbeHttpClient client, McpLimits limits, EraCache eraCache) {
        this(client, limits, eraCache, Clock.systemUTC());
    }

    /** @param clock when cached OAuth access tokens stop being reused */
    public McpProber(ProbeHttpClient client, McpLimits limits, EraCache eraCache, Clock clock) {
        this.http = new McpHttp(client, limits);
        this.detector = new EraDetector(eraCache);
        this.oauth = new OAuthClient(http, new TokenCache(clock));
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint, Optional<SecretValue> credential) {
        if (endpoint.needsSecret() && credential.isEmpty()) {
            return CompletableFuture.completedFuture(ProbeResult.notDialled(
                    new ProbeOutcome.AuthMissing("no credential was resolved for " + endpoint.auth().secret().orElseThrow())));
        }
        ProbeTrace trace = new ProbeTrace(System::nanoTime);
        try {
            ProbeRun run = ProbeRun.of(endpoint, credential, http, trace);
            Mono<ProbeOutcome> outcome = switch (endpoint.auth()) {
                case AuthRef.OAuthClientCredentials clientCredentials ->
                        new OAuthAttempts(run, clientCredentials, credential.orElseThrow()).run();
                case AuthRef.OAuthDiscovery discovery -> Mono.defer(() -> oauth.checkSignInChain(run).timeout(remaining(run)))
                        .onErrorResume(TimeoutException.class, timeout ->
                                Mono.just(new ProbeOutcome.Timeout(trace.step(), endpoint.timeout())));
                default -> attempt(run);
            };
            return outcome.map(trace::result).contextWrite(Context.of(ERRORS_AFTER_CANCEL, IGNORE)).toFuture();
        } catch (RuntimeException e) {
            // Building the pipeline cannot fail for a valid endpoint; if it ever does, it is still a value.
            return CompletableFuture.completedFuture(trace.result(new ProbeOutcome.ProtocolError(
                    trace.step(), Optional.empty(), "the probe could not start (" + e.getClass().getSimpleName() + ")")));
        }
    }

    /** One pass over the server (connect, tools, readiness, close) within what is left of the probe's deadline. */
    private Mono<ProbeOutcome> attempt(ProbeRun run) {
        return Mono.defer(() -> {
            Duration deadline = run.endpoint().timeout();
            ToolHeaders toolHeaders = new ToolHeaders();
            AtomicReference<McpSession> opened = new AtomicReference<>();
            return detector.connect(run, toolHeaders)
                    .doOnNext(opened::set)
                    .flatMap(session -> new ProbeChecks(run, session, toolHeaders).run())
                    .timeout(remaining(run))
                    // An Error (stack overflow, out of memory, a failed assertion) is not something the server did: it
                    // fails the probe's future, loudly, instead of becoming a verdict about the server.
                    .onErrorResume(failure -> !(failure instanceof Error), failure -> Mono.just(classify(failure, run, deadline)))
                    .flatMap(outcome -> close(opened.get(), run, deadline).thenReturn(outcome));
        });
    }

    /** What is left of the probe's one deadline (at least a millisecond, so that a spent deadline fires at once). */
    private static Duration remaining(ProbeRun run) {
        return Duration.ofMillis(Math.max(1, run.endpoint().timeout().toMillis() - run.trace().elapsedMillis()));
    }

    /**
     * An endpoint with OAuth client credentials: a cached access token, or a new one from the OAuth flow, then the
     * probe. A 401 to a cached token fetches a new one, once; a 403 {@code insufficient_scope} fetches one with the
     * scope the server names, once. Whatever the second try ends with is the outcome: nothing loops.
     */
    private final class OAuthAttempts {
        private final ProbeRun run;
        private final AuthRef.OAuthClientCredentials auth;
        private final SecretValue secret;
        private final TokenCache.Key key;

        OAuthAttempts(ProbeRun run, AuthRef.OAuthClientCredentials auth, SecretValue secret) {
            this.run = run;
            this.auth = auth;
            this.secret = secret;
            this.key = new TokenCache.Key(OAuthClient.canonical(run.endpoint().url()), auth);
        }

        Mono<ProbeOutcome> run() {
            return oauth.cache().get(key)
                    .map(token -> withToken(token, true, true))
                    .orElseGet(() -> fresh(Optional.empty(), true));
        }

        private Mono<ProbeOutcome> withToken(TokenCache.Token token, boolean fromCache, boolean mayStepUp) {
            run.trace().token(token.expiresAt());
            return attempt(run.withAccessToken(token.value())).flatMap(outcome -> {
                if (fromCache && outcome instanceof ProbeOutcome.AuthRejected rejected && rejected.status() == 401) {
                    oauth.cache().forget(key, token);
                    run.trace().token(Optional.empty());
                    return fresh(Optional.empty(), mayStepUp);
                }
                if (mayStepUp && outcome instanceof ProbeOutcome.AuthInsufficientScope insufficient
                        && insufficient.requiredScope().isPresent()) {
                    String wanted = OAuthClient.union(token.scope(), insufficient.requiredScope().get());
                    if (!token.scope().equals(Optional.of(wanted))) {
                        return fresh(Optional.of(wanted), false);
                    }
                }
                return Mono.just(outcome);
            });
        }

        private Mono<ProbeOutcome> fresh(Optional<String> scope, boolean mayStepUp) {
            return Mono.defer(() -> oauth.fetch(run, auth, secret, scope, run.classifier()).timeout(remaining(run)))
                    .onErrorResume(TimeoutException.class, timeout -> Mono.just(new OAuthClient.Grant.Failed(
                            new ProbeOutcome.Timeout(run.trace().step(), run.endpoint().timeout()))))
                    .flatMap(grant -> switch (grant) {
                        case OAuthClient.Grant.Failed failed -> Mono.just(failed.outcome());
                        case OAuthClient.Grant.Granted granted -> {
                            oauth.cache().put(key, granted.token());
                            yield withToken(granted.token(), false, mayStepUp);
                        }
                    });
        }
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
