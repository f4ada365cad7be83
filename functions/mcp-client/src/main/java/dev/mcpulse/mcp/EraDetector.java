package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Opens a session in the right era, as the 2026-07-28 backward-compatibility rules say: a modern
 * {@code server/discover} first; a recognised modern error means modern (retry with a supported version); a 4xx
 * without one means legacy, so {@code initialize}; and in {@code auto} only a 404 or 405 to that legacy POST falls
 * back further to HTTP+SSE. 401 and 403 end the probe at whichever step they come, on whichever path. The era that
 * worked is cached per endpoint, and detection runs again when the cached era's first step fails.
 */
final class EraDetector {

    /** The JSON-RPC errors only a modern server sends: header mismatch, missing client capability, unsupported version. */
    static final int HEADER_MISMATCH = -32020;
    static final int MISSING_CLIENT_CAPABILITY = -32021;
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    private static final Set<Integer> MODERN_ERRORS = Set.of(HEADER_MISMATCH, MISSING_CLIENT_CAPABILITY, UNSUPPORTED_PROTOCOL_VERSION);

    private final EraCache cache;

    EraDetector(EraCache cache) {
        this.cache = cache;
    }

    /** What the modern probe or the legacy POST concluded, when it did not simply fail. */
    private sealed interface Attempt {
        record Connected(McpSession session) implements Attempt {
        }

        /** Not a modern server; {@code legacyVersion} is set when a modern error listed one we speak. */
        record Legacy(Optional<String> legacyVersion) implements Attempt {
        }

        /** The streamable endpoint answered 404 or 405: possibly a legacy HTTP+SSE server. */
        record NotStreamable() implements Attempt {
        }
    }

    Mono<McpSession> connect(ProbeRun run, ToolHeaders toolHeaders) {
        Transport transport = run.endpoint().transport();
        if (transport == Transport.SSE) {
            return sse(run);
        }
        Optional<Era> cached = cache.get(run.endpoint().url());
        Mono<McpSession> session = cached.isEmpty() ? detect(run, toolHeaders)
                : inEra(cached.get(), run, toolHeaders).onErrorResume(EraDetector::redetectable, failure -> {
                    cache.forget(run.endpoint().url());
                    return detect(run, toolHeaders);
                });
        return session.doOnNext(s -> cache.remember(run.endpoint().url(), s.era()));
    }

    private Mono<McpSession> detect(ProbeRun run, ToolHeaders toolHeaders) {
        boolean auto = run.endpoint().transport() == Transport.AUTO;
        return discover(run, toolHeaders, Versions.MODERN.getFirst(), new ArrayList<>()).flatMap(attempt -> switch (attempt) {
            case Attempt.Connected connected -> Mono.just(connected.session());
            case Attempt.Legacy legacy -> initialize(run, legacy.legacyVersion().orElse(Versions.LEGACY_STREAMABLE.getFirst()), auto)
                    .flatMap(next -> next instanceof Attempt.Connected c ? Mono.just(c.session()) : sse(run));
            case Attempt.NotStreamable n -> sse(run);
        });
    }

    /** The cached era's opening; a sign of another era fails with a redetectable outcome. */
    private Mono<McpSession> inEra(Era era, ProbeRun run, ToolHeaders toolHeaders) {
        return switch (era) {
            case MODERN -> discover(run, toolHeaders, Versions.MODERN.getFirst(), new ArrayList<>())
                    .flatMap(attempt -> attempt instanceof Attempt.Connected c ? Mono.just(c.session())
                            : Mono.error(eraChanged(run, ProbeStep.DISCOVER)));
            case LEGACY_STREAMABLE_HTTP -> initialize(run, Versions.LEGACY_STREAMABLE.getFirst(), false)
                    .flatMap(attempt -> attempt instanceof Attempt.Connected c ? Mono.just(c.session())
                            : Mono.error(eraChanged(run, ProbeStep.INITIALIZE)));
            case LEGACY_SSE -> run.endpoint().transport() == Transport.AUTO ? sse(run) : detect(run, toolHeaders);
        };
    }

    private static ProbeFailure eraChanged(ProbeRun run, ProbeStep step) {
        return new ProbeFailure(run.classifier().protocol(step, Optional.empty(), "the server no longer speaks its cached era"));
    }

    /**
     * Failures of a cached era's first step that may mean the server changed era; auth, timeouts and 5xx do not, nor
     * a settled failure (a session the server ended again after the one new session the probe opens).
     */
    private static boolean redetectable(Throwable failure) {
        if (!(failure instanceof ProbeFailure probeFailure) || probeFailure.settled()) {
            return false;
        }
        ProbeOutcome outcome = probeFailure.outcome();
        return outcome.kind() == OutcomeKind.PROTOCOL_ERROR || outcome.kind() == OutcomeKind.RPC_ERROR
                || (outcome.kind() == OutcomeKind.HTTP_ERROR && outcome.httpStatus().orElse(500) < 500);
    }

    private Mono<Attempt> discover(ProbeRun run, ToolHeaders toolHeaders, String version, List<String> tried) {
        return Mono.defer(() -> {
            run.trace().begin(ProbeStep.DISCOVER);
            tried.add(version);
            ModernSession session = new ModernSession(run, version, toolHeaders);
            long id = run.trace().nextRequestId();
            return session.send(run, version, id, "server/discover", Json.object())
                    .flatMap(reply -> judgeDiscovery(reply, id, session, run, toolHeaders, tried));
        });
    }

    private Mono<Attempt> judgeDiscovery(Reply reply, long id, ModernSession session, ProbeRun run,
                                         ToolHeaders toolHeaders, List<String> tried) {
        Optional<ProbeOutcome> auth = run.classifier().auth(reply, ProbeStep.DISCOVER);
        if (auth.isPresent()) {
            return Mono.error(new ProbeFailure(auth.get()));
        }
        Optional<JsonRpcMessage> message = reply.message();
        if (message.orElse(null) instanceof JsonRpcMessage.Error error && error.answers(id)
                && MODERN_ERRORS.contains(error.code())) {
            return error.code() == UNSUPPORTED_PROTOCOL_VERSION ? negotiate(error, run, toolHeaders, tried)
                    : Mono.error(new ProbeFailure(run.classifier().rpcError(error, ProbeStep.DISCOVER)));
        }
        if (reply.status() >= 400 && reply.status() < 500) {
            return Mono.just(new Attempt.Legacy(Optional.empty()));
        }
        if (!reply.isSuccess()) {
            return Mono.error(new ProbeFailure(run.classifier().failed(reply, ProbeStep.DISCOVER)));
        }
        if (message.isEmpty()) {
            return Mono.just(new Attempt.Legacy(Optional.empty()));
        }
        JsonRpcMessage answer = Answers.expectAnswer(message, id, Optional.of(reply.status()), run);
        if (answer instanceof JsonRpcMessage.Result result && result.result().path("supportedVersions").isArray()) {
            run.trace().speaking(Era.MODERN, session.version());
            JsonNode info = result.result().path("_meta").path(ModernSession.META_SERVER_INFO);
            if (info.isMissingNode()) {
                info = result.result().path("serverInfo");
            }
            run.trace().server(Json.text(info, "name"), Json.text(info, "version"));
            return Mono.just(new Attempt.Connected(session));
        }
        // A result that is not a DiscoverResult, or a non-modern JSON-RPC error: a legacy server answered.
        return Mono.just(new Attempt.Legacy(Optional.empty()));
    }

    /** UnsupportedProtocolVersionError: retry with a modern version both sides speak, else go legacy if the server lists one. */
    private Mono<Attempt> negotiate(JsonRpcMessage.Error error, ProbeRun run, ToolHeaders toolHeaders, List<String> tried) {
        List<String> supported = new ArrayList<>();
        error.data().path("supported").forEach(v -> {
            if (v.isTextual()) {
                supported.add(v.asText());
            }
        });
        List<String> untried = Versions.MODERN.stream().filter(v -> !tried.contains(v)).toList();
        Optional<String> modern = Versions.best(untried, supported);
        if (modern.isPresent()) {
            return discover(run, toolHeaders, modern.get(), tried);
        }
        Optional<String> legacy = Versions.best(Versions.LEGACY_STREAMABLE, supported);
        if (legacy.isPresent()) {
            return Mono.just(new Attempt.Legacy(legacy));
        }
        return Mono.error(new ProbeFailure(run.classifier().protocol(ProbeStep.DISCOVER, Optional.empty(),
                "no protocol version in common; the server supports " + String.join(", ", supported.stream().limit(8).toList()))));
    }

    private Mono<Attempt> initialize(ProbeRun run, String version, boolean sseFallbackAllowed) {
        return Mono.defer(() -> {
            run.trace().begin(ProbeStep.INITIALIZE);
            return postInitialize(run, version).flatMap(sent -> {
                if (sseFallbackAllowed && (sent.reply().status() == 404 || sent.reply().status() == 405)) {
                    return Mono.just(new Attempt.NotStreamable());
                }
                LegacyStreamableSession session = new LegacyStreamableSession(run, opened(sent, run),
                        () -> postInitialize(run, version).map(again -> opened(again, run)));
                return session.initialized().thenReturn(new Attempt.Connected(session));
            });
        });
    }

    /** An initialize request and the reply to it. */
    private record Sent(long id, Reply reply) {
    }

    /** POSTs a legacy initialize, without a session id; 401 and 403 end the probe here. */
    private static Mono<Sent> postInitialize(ProbeRun run, String version) {
        return Mono.defer(() -> {
            long id = run.trace().nextRequestId();
            byte[] body = Json.bytes(LegacyRequests.request(id, "initialize", LegacyRequests.initializeParams(version)));
            return run.http().post(run.endpoint().url(), run.headers(Map.of()), body, id, run).map(reply -> {
                Optional<ProbeOutcome> auth = run.classifier().auth(reply, ProbeStep.INITIALIZE);
                if (auth.isPresent()) {
                    throw new ProbeFailure(auth.get());
                }
                return new Sent(id, reply);
            });
        });
    }

    /** The session an initialize reply opened, its result checked and recorded. */
    private static LegacyStreamableSession.Opened opened(Sent sent, ProbeRun run) {
        JsonNode result = initializeResult(Answers.of(sent.reply(), sent.id(), run), run);
        String negotiated = result.path("protocolVersion").asText("");
        run.trace().speaking(Era.LEGACY_STREAMABLE_HTTP, negotiated);
        return new LegacyStreamableSession.Opened(negotiated, sent.reply().headers().sessionId());
    }

    private Mono<McpSession> sse(ProbeRun run) {
        return Mono.defer(() -> {
            run.trace().begin(ProbeStep.SSE_CONNECT);
            return LegacySseSession.open(run).flatMap(session -> {
                run.trace().begin(ProbeStep.INITIALIZE);
                return session.call("initialize", LegacyRequests.initializeParams(Versions.LEGACY_SSE))
                        .flatMap(answer -> {
                            JsonNode result = initializeResult(answer, run);
                            run.trace().speaking(Era.LEGACY_SSE, result.path("protocolVersion").asText(""));
                            return session.notify("notifications/initialized");
                        })
                        .thenReturn((McpSession) session)
                        .onErrorResume(e -> session.close().then(Mono.error(e)))
                        .doOnCancel(() -> session.close().subscribe());
            });
        });
    }

    /** The initialize result, checked: a JSON-RPC error is rpc_error, a version we do not speak is protocol_error. */
    private static JsonNode initializeResult(JsonRpcMessage answer, ProbeRun run) {
        if (answer instanceof JsonRpcMessage.Error error) {
            throw new ProbeFailure(run.classifier().rpcError(error, ProbeStep.INITIALIZE));
        }
        JsonNode result = ((JsonRpcMessage.Result) answer).result();
        String version = result.path("protocolVersion").asText("");
        if (!Versions.LEGACY.contains(version)) {
            throw new ProbeFailure(run.classifier().protocol(ProbeStep.INITIALIZE, Optional.empty(),
                    version.isEmpty() ? "the initialize result names no protocol version"
                            : "the server chose protocol version " + version + ", which the probe does not speak"));
        }
        JsonNode info = result.path("serverInfo");
        run.trace().server(Json.text(info, "name"), Json.text(info, "version"));
        return result;
    }
}
