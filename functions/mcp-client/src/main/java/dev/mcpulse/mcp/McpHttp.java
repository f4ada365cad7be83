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
    /**
     * For GETs of an event stream. Not the bare {@code text/event-stream}: given exactly that, the Micronaut client
     * splits the body into lines and drops the line endings, which loses event boundaries. The second range keeps
     * the body raw for the one SSE parser, and the server still sees that an event stream is wanted.
     */
    static final String ACCEPT_EVENT_STREAM = "text/event-stream, */*;q=0.1";

    private final StreamingHttpClient client;
    private final McpLimits limits;

    McpHttp(StreamingHttpClient client, McpLimits limits) {
        this.client = client;
        this.limits = limits;
    }

    McpLimits limits() {
        return limits;
    }

    /** POSTs one JSON-RPC request and reads the reply that answers {@code answerTo}. */
    Mono<Reply> post(URI uri, Map<String, String> headers, byte[] body, long answerTo, ProbeRun run) {
        return exchange(postRequest(uri, headers, body), answerTo, run);
    }

    /**
     * POSTs a message that expects no JSON-RPC answer in the reply (a notification, or a message on the legacy
     * HTTP+SSE channel). Read whole, within the size cap: a streaming read would not even report the status of a
     * bodyless 202.
     */
    Mono<Reply> postWithoutAnswer(URI uri, Map<String, String> headers, byte[] body, ProbeRun run) {
        return whole(postRequest(uri, headers, body), run);
    }

    /** DELETEs a legacy session; the reply does not matter to the outcome. */
    Mono<Reply> delete(URI uri, Map<String, String> headers, ProbeRun run) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.DELETE, uri.toString());
        headers.forEach(request::header);
        return whole(request, run);
    }

    private static MutableHttpRequest<byte[]> postRequest(URI uri, Map<String, String> headers, byte[] body) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.POST, uri.toString())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(body);
        request.header("Accept", ACCEPT_BOTH);
        headers.forEach(request::header);
        return request;
    }

    private Mono<Reply> whole(MutableHttpRequest<byte[]> request, ProbeRun run) {
        return Mono.from(client.exchange(request, byte[].class))
                .map(response -> ReplyReader.ofWhole(response, run.trace()))
                .onErrorResume(HttpClientResponseException.class,
                        e -> Mono.just(ReplyReader.ofWhole(e.getResponse(), run.trace())));
    }

    /** GETs an SSE stream that should carry the answer to {@code answerTo} (legacy streamable-HTTP resumption). */
    Mono<Reply> get(URI uri, Map<String, String> headers, long answerTo, ProbeRun run) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.GET, uri.toString());
        request.header("Accept", ACCEPT_EVENT_STREAM);
        headers.forEach(request::header);
        return exchange(request, answerTo, run);
    }

    /**
     * Opens a long-lived SSE stream (legacy HTTP+SSE) and emits its events. {@code onOpen} sees the reply head
     * first: it throws a {@link ProbeFailure} to refuse a stream that is not a successful event stream. The byte
     * cap applies to the whole stream.
     */
    Flux<SseEvent> stream(URI uri, Map<String, String> headers, ProbeRun run, Consumer<Reply> onOpen) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.GET, uri.toString());
        request.header("Accept", ACCEPT_EVENT_STREAM);
        headers.forEach(request::header);
        SseParser parser = new SseParser();
        long[] bytesRead = {0};
        boolean[] opened = {false};
        return Flux.from(client.exchangeStream(request, Argument.of(byte[].class)))
                .onErrorResume(HttpClientResponseException.class, e -> {
                    onOpen.accept(ReplyReader.ofWhole(e.getResponse(), run.trace()));
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
                        e -> Mono.just(ReplyReader.ofWhole(e.getResponse(), run.trace())));
    }
}
