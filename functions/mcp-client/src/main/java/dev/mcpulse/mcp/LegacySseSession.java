package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.ProbeStep;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Legacy HTTP+SSE (2024-11-05): a GET opens a stream whose first {@code endpoint} event names the URL to POST
 * messages to; answers come back on the stream, matched to requests by id.
 */
final class LegacySseSession implements McpSession {

    private final ProbeRun run;
    private final Map<Long, Sinks.One<JsonRpcMessage>> pending = new ConcurrentHashMap<>();
    private final Sinks.One<URI> endpoint = Sinks.one();
    private volatile Throwable ended;
    private volatile Disposable stream;

    private LegacySseSession(ProbeRun run) {
        this.run = run;
    }

    /** Opens the stream and waits for the {@code endpoint} event. */
    static Mono<LegacySseSession> open(ProbeRun run) {
        return Mono.defer(() -> {
            LegacySseSession session = new LegacySseSession(run);
            session.stream = run.http().stream(run.endpoint().url(), run.headers(Map.of()), run, session::checkOpened)
                    .subscribe(session::onEvent, session::onError, session::onComplete);
            return session.endpoint.asMono()
                    .thenReturn(session)
                    .doOnCancel(session::dispose)
                    .doOnError(e -> session.dispose());
        });
    }

    @Override
    public Era era() {
        return Era.LEGACY_SSE;
    }

    @Override
    public Mono<JsonRpcMessage> call(String method, ObjectNode params) {
        return Mono.defer(() -> {
            long id = run.trace().nextRequestId();
            Sinks.One<JsonRpcMessage> answer = Sinks.one();
            pending.put(id, answer);
            if (ended != null) {
                pending.remove(id);
                return Mono.error(ended);
            }
            byte[] body = Json.bytes(LegacyRequests.request(id, method, params));
            return endpoint.asMono()
                    .flatMap(uri -> run.http().post(uri, run.headers(Map.of()), body, -1, run))
                    .flatMap(reply -> reply.isSuccess() ? answer.asMono()
                            : Mono.error(new ProbeFailure(run.classifier().failed(reply, run.trace().step()))))
                    .map(message -> Answers.expectAnswer(Optional.of(message), id, Optional.empty(), run))
                    .doFinally(signal -> pending.remove(id));
        });
    }

    Mono<Void> notify(String method) {
        byte[] body = Json.bytes(LegacyRequests.notification(method));
        return endpoint.asMono()
                .flatMap(uri -> run.http().post(uri, run.headers(Map.of()), body, -1, run))
                .flatMap(reply -> reply.isSuccess() ? Mono.empty()
                        : Mono.error(new ProbeFailure(run.classifier().failed(reply, run.trace().step()))));
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(this::dispose);
    }

    private void dispose() {
        Disposable current = stream;
        if (current != null) {
            current.dispose();
        }
    }

    private void checkOpened(Reply head) {
        if (!head.isSuccess()) {
            throw new ProbeFailure(run.classifier().failed(head, ProbeStep.SSE_CONNECT));
        }
        if (!head.headers().contentType().map(ReplyReader::isEventStream).orElse(false)) {
            throw new ProbeFailure(run.classifier().protocol(ProbeStep.SSE_CONNECT, Optional.of(head.status()),
                    "the SSE endpoint answered with content type " + head.headers().contentType().orElse("(none)")));
        }
    }

    private void onEvent(SseEvent event) {
        if (event.type().equals("endpoint")) {
            onEndpoint(event.data().strip());
            return;
        }
        if (!event.type().equals("message") || event.data().isBlank()) {
            return;
        }
        JsonRpcMessage message = JsonRpcParser.parse(event);
        switch (message) {
            case JsonRpcMessage.Result result -> deliver(result.id(), message);
            case JsonRpcMessage.Error error -> deliver(error.id(), message);
            case JsonRpcMessage.Invalid invalid -> fail(new ProbeFailure(run.classifier().protocol(
                    run.trace().step(), Optional.empty(), invalid.reason())));
            default -> {
                // Notifications and server requests are not answers; the probe declares no capability for requests.
            }
        }
    }

    private void onEndpoint(String reference) {
        Optional<URI> target = resolve(reference);
        if (target.isEmpty()) {
            fail(new ProbeFailure(run.classifier().protocol(ProbeStep.SSE_CONNECT, Optional.empty(),
                    "the endpoint event does not name a URL on the same origin")));
            return;
        }
        endpoint.tryEmitValue(target.get());
    }

    /** The POST URL, refused when it points at another origin: the probe's credential must not travel there. */
    private Optional<URI> resolve(String reference) {
        try {
            URI base = run.endpoint().url();
            URI target = base.resolve(reference);
            boolean sameOrigin = Objects.equals(base.getScheme(), target.getScheme())
                    && Objects.equals(base.getHost(), target.getHost()) && base.getPort() == target.getPort();
            return sameOrigin ? Optional.of(target) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void deliver(com.fasterxml.jackson.databind.JsonNode id, JsonRpcMessage message) {
        if (id.isNull()) {
            pending.values().forEach(sink -> sink.tryEmitValue(message));
            return;
        }
        pending.forEach((requestId, sink) -> {
            if (message.answers(requestId)) {
                sink.tryEmitValue(message);
            }
        });
    }

    private void onError(Throwable error) {
        // An Error is passed on as it is, to fail the probe loudly (see McpProber); anything else is classified.
        Throwable failure = error instanceof ProbeFailure || error instanceof Error ? error
                : new ProbeFailure(run.classifier().transport(error, run.trace().step(), run.endpoint().timeout()));
        fail(failure);
    }

    private void onComplete() {
        fail(new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.empty(),
                "the SSE stream closed before the response")));
    }

    private void fail(Throwable failure) {
        ended = failure;
        endpoint.tryEmitError(failure);
        pending.values().forEach(sink -> sink.tryEmitError(failure));
        dispose();
    }
}
