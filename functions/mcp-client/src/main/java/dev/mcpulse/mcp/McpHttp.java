package dev.mcpulse.mcp;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.StreamingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The probe's only way onto the wire: one shared, non-blocking streaming client. Every exchange yields a
 * {@link Reply} (any status) or fails with a {@link ProbeFailure} or a transport exception for the caller to
 * classify. Nothing here knows about eras.
 */
final class McpHttp {

    static final String ACCEPT_BOTH = "application/json, text/event-stream";

    private final StreamingHttpClient client;
    private final McpLimits limits;

    McpHttp(StreamingHttpClient client, McpLimits limits) {
        this.client = client;
        this.limits = limits;
    }

    McpLimits limits() {
        return limits;
    }

    /** POSTs one JSON-RPC message; {@code answerTo} is its id, or negative for a notification. */
    Mono<Reply> post(URI uri, Map<String, String> headers, byte[] body, long answerTo, ProbeRun run) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.POST, uri.toString())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body);
        request.header("Accept", ACCEPT_BOTH);
        headers.forEach(request::header);
        return exchange(request, answerTo, run);
    }

    /** GETs an SSE stream that should carry the answer to {@code answerTo} (legacy streamable-HTTP resumption). */
    Mono<Reply> get(URI uri, Map<String, String> headers, long answerTo, ProbeRun run) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.GET, uri.toString());
        request.header("Accept", MediaType.TEXT_EVENT_STREAM);
        headers.forEach(request::header);
        return exchange(request, answerTo, run);
    }

    /** DELETEs a legacy session; the reply does not matter to the outcome. */
    Mono<Reply> delete(URI uri, Map<String, String> headers, ProbeRun run) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.DELETE, uri.toString());
        headers.forEach(request::header);
        return exchange(request, -1, run);
    }

    /**
     * Opens a long-lived SSE stream (legacy HTTP+SSE) and emits its events. {@code onOpen} sees the reply head
     * first: it throws a {@link ProbeFailure} to refuse a stream that is not a successful event stream. The byte
     * cap applies to the whole stream.
     */
    Flux<SseEvent> stream(URI uri, Map<String, String> headers, ProbeRun run, Consumer<Reply> onOpen) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.GET, uri.toString());
        request.header("Accept", MediaType.TEXT_EVENT_STREAM);
        headers.forEach(request::header);
        SseParser parser = new SseParser();
        long[] bytesRead = {0};
        boolean[] opened = {false};
        return Flux.from(client.exchangeStream(request, Argument.of(byte[].class)))
                .onErrorResume(HttpClientResponseException.class, e -> {
                    onOpen.accept(ReplyReader.ofError(e.getResponse(), run.trace()));
                    return Mono.empty();
                })
                .concatMapIterable(part -> {
                    if (!opened[0]) {
                        opened[0] = true;
                        run.trace().sawStatus(part.code());
                        Optional<String> contentType = Optional.ofNullable(part.getHeaders().get("Content-Type"));
                        onOpen.accept(new Reply(part.code(), new Reply.ReplyHeaders(contentType, Optional.empty(),
                                Optional.ofNullable(part.getHeaders().get("WWW-Authenticate"))), Optional.empty(), Optional.empty()));
                    }
                    byte[] chunk = ReplyReader.bytesOf(part.getBody().orElse(null));
                    bytesRead[0] += chunk.length;
                    if (bytesRead[0] > limits.maxBodyBytes()) {
                        throw new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.of(part.code()),
                                "the SSE stream sent more than " + limits.maxBodyBytes() + " bytes"));
                    }
                    return parser.feed(chunk);
                });
    }

    private Mono<Reply> exchange(MutableHttpRequest<byte[]> request, long answerTo, ProbeRun run) {
        ReplyReader reader = new ReplyReader(answerTo, limits.maxBodyBytes(), run.trace(), run.classifier());
        return Flux.from(client.exchangeStream(request, Argument.of(byte[].class)))
                .<Reply>handle((part, sink) -> reader.accept(part).ifPresent(sink::next))
                .next()
                .switchIfEmpty(Mono.fromCallable(reader::finish))
                .onErrorResume(HttpClientResponseException.class,
                        e -> Mono.just(ReplyReader.ofError(e.getResponse(), run.trace())));
    }
}
