package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.Era;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Legacy streamable HTTP (2025-03-26 to 2025-11-25), after a successful initialize: requests carry the session id
 * the server assigned and, from 2025-06-18, the negotiated version. An SSE response that closes before its answer
 * is resumed with a GET carrying {@code Last-Event-ID}, after the server's {@code retry} delay (SEP-1699).
 */
final class LegacyStreamableSession implements McpSession {

    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

    private final ProbeRun run;
    private final String version;
    private final Optional<String> sessionId;

    LegacyStreamableSession(ProbeRun run, String version, Optional<String> sessionId) {
        this.run = run;
        this.version = version;
        this.sessionId = sessionId;
    }

    @Override
    public Era era() {
        return Era.LEGACY_STREAMABLE_HTTP;
    }

    @Override
    public Mono<JsonRpcMessage> call(String method, ObjectNode params) {
        return Mono.defer(() -> {
            long id = run.trace().nextRequestId();
            byte[] body = Json.bytes(LegacyRequests.request(id, method, params));
            return run.http().post(run.endpoint().url(), run.headers(sessionHeaders()), body, id, run)
                    .flatMap(reply -> answerOrResume(reply, id, 0));
        });
    }

    /** Sends a notification; the server acknowledges it with 202 and no body. */
    Mono<Void> notify(String method) {
        return Mono.defer(() -> {
            byte[] body = Json.bytes(LegacyRequests.notification(method));
            return run.http().post(run.endpoint().url(), run.headers(sessionHeaders()), body, -1, run)
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
                    .then(run.http().get(run.endpoint().url(), run.headers(headers), id, run))
                    .flatMap(next -> answerOrResume(next, id, reconnects + 1));
        }
        if (reply.isSuccess() && reply.message().isEmpty() && isEventStream(reply)) {
            return Mono.error(new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.of(reply.status()),
                    "the SSE stream ended before the response")));
        }
        return Mono.just(Answers.of(reply, id, run));
    }

    private static boolean isEventStream(Reply reply) {
        return reply.headers().contentType().map(ReplyReader::isEventStream).orElse(false);
    }

    private Map<String, String> sessionHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        sessionId.ifPresent(id -> headers.put("Mcp-Session-Id", id));
        if (version.compareTo(Versions.HEADER_SINCE) >= 0) {
            headers.put("MCP-Protocol-Version", version);
        }
        return headers;
    }

    @Override
    public Mono<Void> close() {
        if (sessionId.isEmpty()) {
            return Mono.empty();
        }
        return run.http().delete(run.endpoint().url(), run.headers(sessionHeaders()), run)
                .then()
                .onErrorResume(e -> Mono.empty());
    }
}
