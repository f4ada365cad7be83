package dev.mcpulse.mcp;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.netty.NettyHttpResponseBuilder;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpContent;
import dev.mcpulse.domain.health.ProbeOutcome;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The probe's only way onto the wire: one shared, non-blocking client. It uses the client's proxy exchange, which
 * hands over every response as it is — any status, the headers, and the body as a stream of chunks — with no
 * redirect following, no error translation and no body aggregation, so the probe sees exactly what the server
 * sent and bounds it itself. Every exchange yields a {@link Reply}, or fails with a {@link ProbeFailure} or a
 * transport exception for the caller to classify. An exchange left before its response ended (size cap, deadline,
 * the SSE answer arrived, a stream disposed) loses its connection, through the {@link ExchangeGuard}, instead of
 * being drained in the background. Nothing here knows about eras.
 */
final class McpHttp {

    static final String ACCEPT_BOTH = "application/json, text/event-stream";
    static final String ACCEPT_EVENT_STREAM = "text/event-stream";

    private final ProxyHttpClient client;
    private final ExchangeGuard guard;
    private final McpLimits limits;

    McpHttp(ProbeHttpClient client, McpLimits limits) {
        this.client = client.proxy();
        this.guard = client.guard();
        this.limits = limits;
    }

    McpLimits limits() {
        return limits;
    }

    /** POSTs one JSON-RPC message and reads the reply; {@code answerTo} is the request id, negative for none. */
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
        request.header("Accept", ACCEPT_EVENT_STREAM);
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
     * first and throws a {@link ProbeFailure} to refuse a stream that is not a successful event stream. The byte
     * cap applies to the whole stream.
     */
    Flux<SseEvent> stream(URI uri, Map<String, String> headers, ProbeRun run, Consumer<Reply> onOpen) {
        MutableHttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.GET, uri.toString());
        request.header("Accept", ACCEPT_EVENT_STREAM);
        headers.forEach(request::header);
        return guarded(request, (response, exchange) -> {
            run.trace().sawStatus(response.code());
            Reply head = new Reply(response.code(), ReplyReader.headersOf(response.getHeaders()), Optional.empty(), Optional.empty());
            if (!head.isSuccess()) {
                // Read the (capped) body first: a 401 or a modern JSON-RPC error is classified with it.
                return new ReplyReader(-1, limits.maxBodyBytes(), run.trace(), run.classifier()).read(response, body(response))
                        .<SseEvent>handle((reply, sink) -> onOpen.accept(reply));
            }
            onOpen.accept(head);
            SseParser parser = new SseParser();
            long[] bytesRead = {0};
            return Flux.from(body(response)).concatMapIterable(chunk -> {
                bytesRead[0] += chunk.length;
                if (bytesRead[0] > limits.maxBodyBytes()) {
                    throw new ProbeFailure(run.classifier().protocol(run.trace().step(), Optional.of(response.code()),
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
    Mono<HttpReply> fetch(MutableHttpRequest<?> request, java.util.function.Function<String, ProbeOutcome> tooLarge) {
        return guarded(request, (response, exchange) -> {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            Optional<String> contentType = Optional.ofNullable(response.getHeaders().get("Content-Type"));
            Optional<String> challenge = Optional.ofNullable(response.getHeaders().get("WWW-Authenticate"));
            return Flux.from(body(response))
                    .doOnNext(chunk -> {
                        if (bytes.size() + (long) chunk.length > limits.maxBodyBytes()) {
                            throw new ProbeFailure(tooLarge.apply("the response is larger than " + limits.maxBodyBytes() + " bytes"));
                        }
                        bytes.writeBytes(chunk);
                    })
                    .then(Mono.fromCallable(() -> new HttpReply(response.code(), contentType, challenge, bytes.toByteArray())));
        }).next();
    }

    /** What {@link #fetch} read: never logged, never shown (a token response is in it). */
    record HttpReply(int status, Optional<String> contentType, Optional<String> wwwAuthenticate, byte[] body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private Mono<Reply> exchange(MutableHttpRequest<byte[]> request, long answerTo, ProbeRun run) {
        return guarded(request, (response, exchange) ->
                new ReplyReader(answerTo, limits.maxBodyBytes(), run.trace(), run.classifier()).read(response, body(response))
                        .doOnNext(reply -> exchange.answered()))
                .next();
    }

    /**
     * Sends the request and reads its response with {@code read}. However reading ends — the whole response, an
     * error, a cancel — the exchange is left; if its response had not ended, its connection is closed.
     */
    private <T> Flux<T> guarded(MutableHttpRequest<?> request,
                                BiFunction<HttpResponse<?>, ExchangeGuard.Exchange, Publisher<T>> read) {
        return Flux.using(guard::open, exchange -> {
            request.header(ExchangeGuard.TAG, exchange.tag());
            return send(request).flatMapMany(response -> read.apply(response, exchange));
        }, ExchangeGuard.Exchange::leave);
    }

    /** The client sends when {@code proxy} is called, not when subscribed: defer, so nothing leaves before its turn. */
    private Mono<HttpResponse<?>> send(MutableHttpRequest<?> request) {
        return Mono.defer(() -> Mono.from(client.proxy(request)));
    }

    /** The body as byte chunks, each copied out of (and released from) the client's buffers as it arrives. */
    private static Publisher<byte[]> body(HttpResponse<?> response) {
        if (response instanceof NettyHttpResponseBuilder netty) {
            return Flux.from(netty.toStreamHttpResponse()).map(McpHttp::copyAndRelease);
        }
        return Mono.justOrEmpty(response.getBody(byte[].class));
    }

    private static byte[] copyAndRelease(HttpContent content) {
        try {
            return ByteBufUtil.getBytes(content.content());
        } finally {
            content.release();
        }
    }
}
