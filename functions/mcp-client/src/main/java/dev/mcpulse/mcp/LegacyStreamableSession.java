package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.health.Era;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Legacy streamable HTTP (2025-03-26 to 2025-11-25), after a successful initialize: requests carry the session id
 * the server assigned and, from 2025-06-18, the negotiated version. An SSE response that closes before its answer
 * is resumed with a GET carrying {@code Last-Event-ID}, after the server's {@code retry} delay (SEP-1699).
 *
 * <p>A 404 to a request that carried the session id means the server has ended the session; the transport spec
 * says the client MUST then start a new one with a fresh {@code initialize} without the id. This session does so
 * once — initialize, {@code notifications/initialized}, then the request that got the 404 — and if the new session
 * is ended too, the probe stops with a protocol error naming the step and the 404. It never loops.
 */
final class LegacyStreamableSession implements McpSession {

    /** What an initialize opened: the negotiated version and the session id, if the server assigned one. */
    record Opened(String version, Optional<String> sessionId) {
    }

    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    private static final int SESSION_NOT_FOUND = 404;

    private final ProbeRun run;
    /** A fresh initialize without a session id, already checked; used at most once. */
    private final Supplier<Mono<Opened>> reinitialize;
    private volatile Opened current;
    private volatile boolean reopened;

    LegacyStreamableSession(ProbeRun run, Opened opened, Supplier<Mono<Opened>> reinitialize) {
        this.run = run;
        this.current = opened;
        this.reinitialize = reinitialize;
    }

    @Override
    public Era era() {
        return Era.LEGACY_STREAMABLE_HTTP;
    }

    @Override
    public Mono<JsonRpcMessage> call(String method, ObjectNode params) {
        return reopeningOnce(() -> send(method, params), () -> sendInitialized().then(send(method, params)));
    }

    /** The handshake's last step: {@code notifications/initialized}, acknowledged with 202 and no body. */
    Mono<Void> initialized() {
        return reopeningOnce(this::sendInitialized, this::sendInitialized);
    }

    /**
     * Runs {@code exchange}; if the server ended the session, opens a new one and runs {@code retry} on it. A second
     * ended session, or one ended during the retry, is a protocol error that no fallback may try another way.
     */
    private <T> Mono<T> reopeningOnce(Supplier<Mono<T>> exchange, Supplier<Mono<T>> retry) {
        return exchange.get().onErrorResume(SessionEnded.class, ended -> {
            if (reopened) {
                return Mono.error(endedAgain());
            }
            reopened = true;
            return reinitialize.get()
                    .flatMap(opened -> {
                        current = opened;
                        return retry.get();
                    })
                    .onErrorMap(SessionEnded.class, again -> endedAgain());
        });
    }

    private ProbeFailure endedAgain() {
        return ProbeFailure.settled(run.classifier().protocol(run.trace().step(), Optional.of(SESSION_NOT_FOUND),
                "the server ended the session (404 to a request with its Mcp-Session-Id), and ended the new one"
                        + " opened by a fresh initialize too"));
    }

    private Mono<JsonRpcMessage> send(String method, ObjectNode params) {
        return Mono.defer(() -> {
            long id = run.trace().nextRequestId();
            byte[] body = Json.bytes(LegacyRequests.request(id, method, params));
            Map<String, String> headers = sessionHeaders();
            return ended(run.http().post(run.endpoint().url(), run.headers(headers), body, id, run), headers)
                    .flatMap(reply -> answerOrResume(reply, id, 0));
        });
    }

    private Mono<Void> sendInitialized() {
        return Mono.defer(() -> {
            byte[] body = Json.bytes(LegacyRequests.notification("notifications/initialized"));
            Map<String, String> headers = sessionHeaders();
            return ended(run.http().post(run.endpoint().url(), run.headers(headers), body, -1, run), headers)
                    .flatMap(reply -> reply.isSuccess() ? Mono.empty()
                            : Mono.error(new ProbeFailure(run.classifier().failed(reply, run.trace().step()))));
        });
    }

    private Mono<JsonRpcMessage> answerOrResume(Reply reply, long id, int reconnects) {
        if (reply.isSuccess() && reply.message().isEmpty() && reply.resumeFrom().isPresent()) {
            if (reconnects >= run.http().limits().maxSseReconnects()) {
                return Mono.error(new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.of(reply.status()),
                        "the SSE stream closed " + (reconnects + 1) + " times without the response")));
            }
            Reply.Resume resume = reply.resumeFrom().get();
            Duration delay = resume.retryMillis().map(Duration::ofMillis).orElse(DEFAULT_RETRY);
            Map<String, String> headers = sessionHeaders();
            headers.put("Last-Event-ID", resume.lastEventId());
            return Mono.delay(delay)
                    .then(ended(run.http().get(run.endpoint().url(), run.headers(headers), id, run), headers))
                    .flatMap(next -> answerOrResume(next, id, reconnects + 1));
        }
        if (reply.isSuccess() && reply.message().isEmpty() && isEventStream(reply)) {
            return Mono.error(new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.of(reply.status()),
                    "the SSE stream ended before the response")));
        }
        return Mono.just(Answers.of(reply, id, run));
    }

    /** A 404 to a request that carried a session id: the server has ended that session. */
    private static Mono<Reply> ended(Mono<Reply> exchange, Map<String, String> sent) {
        return exchange.flatMap(reply -> reply.status() == SESSION_NOT_FOUND && sent.containsKey("Mcp-Session-Id")
                ? Mono.error(new SessionEnded()) : Mono.just(reply));
    }

    private static boolean isEventStream(Reply reply) {
        return reply.headers().contentType().map(ReplyReader::isEventStream).orElse(false);
    }

    private Map<String, String> sessionHeaders() {
        Opened session = current;
        Map<String, String> headers = new LinkedHashMap<>();
        session.sessionId().ifPresent(id -> headers.put("Mcp-Session-Id", id));
        if (session.version().compareTo(Versions.HEADER_SINCE) >= 0) {
            headers.put("MCP-Protocol-Version", session.version());
        }
        return headers;
    }

    @Override
    public Mono<Void> close() {
        if (current.sessionId().isEmpty()) {
            return Mono.empty();
        }
        return run.http().delete(run.endpoint().url(), run.headers(sessionHeaders()), run)
                .then()
                .onErrorResume(e -> Mono.empty());
    }

    /** The server answered 404 to the session id: handled inside this class, never seen outside it. */
    private static final class SessionEnded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SessionEnded() {
            super(null, null, false, false);
        }
    }
}
