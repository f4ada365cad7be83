package dev.mcpulse.mcp;

import dev.mcpulse.domain.health.ProbeOutcome;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The probe's only way onto the wire: one shared, non-blocking {@link ProbeTransport}, which hands over every response
 * as it is — any status, the headers, and the body as a stream of chunks — with no redirect following, no error
 * translation and no body aggregation, so the probe sees exactly what the server sent and bounds it itself. Every
 * exchange yields a {@link Reply}, or fails with a {@link ProbeFailure} or a transport exception for the caller to
 * classify. An exchange left before its response ended (size cap, deadline, the SSE answer arrived, a stream
 * disposed) loses its connection instead of being drained in the background. Nothing here knows about eras.
 */
final class McpHttp {

    static final String ACCEPT_BOTH = "application/json, text/event-stream";
    static final String ACCEPT_EVENT_STREAM = "text/event-stream";
    static final String APPLICATION_JSON = "application/json";

    private final ProbeTransport transport;
    private final McpLimits limits;

    McpHttp(ProbeHttpClient client, McpLimits limits) {
        this.transport = client.transport();
        this.limits = limits;
    }

    McpLimits limits() {
        return limits;
    }

    /** POSTs one JSON-RPC message and reads the reply; {@code answerTo} is the request id, negative for none. */
    Mono<Reply> post(URI uri, Map<String, String> headers, byte[] body, long answerTo, ProbeRun run) {
        return exchange(HttpCall.post(uri, APPLICATION_JSON, accepting(ACCEPT_BOTH, headers), body), answerTo, run);
    }

    /** GETs an SSE stream that should carry the answer to {@code answerTo} (legacy streamable-HTTP resumption). */
    Mono<Reply> get(URI uri, Map<String, String> headers, long answerTo, ProbeRun run) {
        return exchange(HttpCall.get(uri, accepting(ACCEPT_EVENT_STREAM, headers)), answerTo, run);
    }

    /** DELETEs a legacy session; the reply does not matter to the outcome. */
    Mono<Reply> delete(URI uri, Map<String, String> headers, ProbeRun run) {
        return exchange(HttpCall.delete(uri, headers), -1, run);
    }

    /**
     * Opens a long-lived SSE stream (legacy HTTP+SSE) and emits its events. {@code onOpen} sees the reply head
     * first and throws a {@link ProbeFailure} to refuse a stream that is not a successful event stream. The byte
     * cap applies to the whole stream.
     */
    Flux<SseEvent> stream(URI uri, Map<String, String> headers, ProbeRun run, Consumer<Reply> onOpen) {
        HttpCall call = HttpCall.get(uri, accepting(ACCEPT_EVENT_STREAM, headers));
        return transport.exchange(call, (response, exchange) -> {
            run.trace().sawStatus(response.status());
            Reply head = new Reply(response.status(), ReplyReader.headersOf(response), Optional.empty(), Optional.empty());
            if (!head.isSuccess()) {
                // Read the (capped) body first: a 401 or a modern JSON-RPC error is classified with it.
                return new ReplyReader(-1, limits.maxBodyBytes(), run.trace(), run.classifier()).read(response, exchange.body())
                        .<SseEvent>handle((reply, sink) -> onOpen.accept(reply));
            }
            onOpen.accept(head);
            SseParser parser = new SseParser();
            long[] bytesRead = {0};
            return exchange.body().concatMapIterable(chunk -> {
                bytesRead[0] += chunk.length;
                if (bytesRead[0] > limits.maxBodyBytes()) {
                    throw new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.of(response.status()),
                            "the SSE stream sent more than " + limits.maxBodyBytes() + " bytes"));
                }
                return parser.feed(chunk);
            });
        });
    }

    /**
     * One plain HTTP exchange of the OAuth flow (metadata, token): its status, content type, challenge and body, read
     * up to the size cap. A larger body fails with what {@code tooLarge} makes of the cap.
     */
    Mono<HttpReply> fetch(HttpCall call, java.util.function.Function<String, ProbeOutcome> tooLarge) {
        return transport.exchange(call, (response, exchange) -> {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            Optional<String> contentType = response.header("Content-Type");
            Optional<String> challenge = response.header("WWW-Authenticate");
            return exchange.body()
                    .doOnNext(chunk -> {
                        if (bytes.size() + (long) chunk.length > limits.maxBodyBytes()) {
                            throw new ProbeFailure(tooLarge.apply("the response is larger than " + limits.maxBodyBytes() + " bytes"));
                        }
                        bytes.writeBytes(chunk);
                    })
                    .then(Mono.fromCallable(() -> new HttpReply(response.status(), contentType, challenge, bytes.toByteArray())));
        }).next();
    }

    /** What {@link #fetch} read: never logged, never shown (a token response is in it). */
    record HttpReply(int status, Optional<String> contentType, Optional<String> wwwAuthenticate, byte[] body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private Mono<Reply> exchange(HttpCall call, long answerTo, ProbeRun run) {
        BiFunction<ResponseHead, ProbeTransport.Exchange, Publisher<Reply>> read = (response, exchange) ->
                new ReplyReader(answerTo, limits.maxBodyBytes(), run.trace(), run.classifier()).read(response, exchange.body())
                        .doOnNext(reply -> exchange.answered());
        return transport.exchange(call, read).next();
    }

    /** {@code headers} with an Accept header first; a caller's own Accept wins. */
    private static Map<String, String> accepting(String accept, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("Accept", accept);
        all.putAll(headers);
        return all;
    }
}
