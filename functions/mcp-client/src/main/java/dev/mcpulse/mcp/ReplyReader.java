package dev.mcpulse.mcp;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one HTTP response (any status), chunk by chunk, into a {@link Reply}. A JSON body is collected (up to the size cap)
 * and parsed at the end; an SSE body is parsed as it streams, skipping notifications, server requests and
 * comments, and the reply is ready as soon as the message answering our request arrives — the caller then
 * stops reading, which closes the stream. Bytes are counted across the whole response, so an endless stream
 * or a huge body ends at the cap with memory bounded.
 */
final class ReplyReader {

    private final long answerTo;
    private final int maxBytes;
    private final ProbeTrace trace;
    private final Classifier classifier;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final SseParser sse = new SseParser();
    private int status;
    private Reply.ReplyHeaders headers;
    private boolean eventStream;
    private long bytesRead;

    /** @param answerTo the id of the request whose answer is awaited, or a negative number for none */
    ReplyReader(long answerTo, int maxBytes, ProbeTrace trace, Classifier classifier) {
        this.answerTo = answerTo;
        this.maxBytes = maxBytes;
        this.trace = trace;
        this.classifier = classifier;
    }

    /** Reads a response: status and headers now, then the body chunks until the answer or the end. */
    Mono<Reply> read(ResponseHead response, Publisher<byte[]> body) {
        status = response.status();
        headers = headersOf(response);
        eventStream = headers.contentType().map(ReplyReader::isEventStream).orElse(false);
        trace.sawStatus(status);
        return Flux.from(body)
                .<Reply>handle((chunk, sink) -> accept(chunk).ifPresent(sink::next))
                .next()
                .switchIfEmpty(Mono.fromCallable(this::finish));
    }

    private Optional<Reply> accept(byte[] chunk) {
        bytesRead += chunk.length;
        if (bytesRead > maxBytes) {
            throw new ProbeFailure(classifier.protocol(trace.step(), Optional.of(status),
                    "the response is larger than " + maxBytes + " bytes"));
        }
        if (!eventStream) {
            body.writeBytes(chunk);
            return Optional.empty();
        }
        for (SseEvent event : sse.feed(chunk)) {
            Optional<JsonRpcMessage> answer = answerIn(event);
            if (answer.isPresent()) {
                return Optional.of(new Reply(status, headers, answer, Optional.empty()));
            }
        }
        return Optional.empty();
    }

    /** The end of the response without an SSE answer: the JSON body's message, or where to resume the stream. */
    private Reply finish() {
        if (eventStream) {
            Optional<Reply.Resume> resume = sse.lastEventId().isEmpty() ? Optional.empty()
                    : Optional.of(new Reply.Resume(sse.lastEventId(), sse.retryMillis()));
            return new Reply(status, headers, Optional.empty(), resume);
        }
        byte[] bytes = body.toByteArray();
        Optional<JsonRpcMessage> message = isBlank(bytes) ? Optional.empty() : Optional.of(JsonRpcParser.parse(bytes));
        return new Reply(status, headers, message, Optional.empty());
    }

    private Optional<JsonRpcMessage> answerIn(SseEvent event) {
        if (!event.type().equals("message") || event.data().isBlank() || answerTo < 0) {
            return Optional.empty();
        }
        JsonRpcMessage message = JsonRpcParser.parse(event);
        return switch (message) {
            case JsonRpcMessage.Invalid invalid -> Optional.of(invalid);
            case JsonRpcMessage.Notification n -> Optional.empty();
            case JsonRpcMessage.Request r -> Optional.empty();
            default -> message.answers(answerTo) ? Optional.of(message) : Optional.empty();
        };
    }

    static boolean isEventStream(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    static Reply.ReplyHeaders headersOf(ResponseHead response) {
        return new Reply.ReplyHeaders(response.header("Content-Type"), response.header("Mcp-Session-Id"),
                response.header("WWW-Authenticate"));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
