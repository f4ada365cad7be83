package dev.mcpulse.mcp;

import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one HTTP response, chunk by chunk, into a {@link Reply}. A JSON body is collected (up to the size cap)
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
    private int status = -1;
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

    /** One emission of the streaming exchange; the reply once the awaited SSE message has arrived. */
    Optional<Reply> accept(HttpResponse<ByteBuffer<?>> part) {
        if (status < 0) {
            status = part.code();
            headers = headersOf(part.getHeaders());
            eventStream = headers.contentType().map(ReplyReader::isEventStream).orElse(false);
            trace.sawStatus(status);
        }
        byte[] chunk = bytesOf(part.getBody().orElse(null));
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
    Reply finish() {
        if (status < 0) {
            throw new ProbeFailure(classifier.protocol(trace.step(), Optional.empty(), "the server sent no response"));
        }
        if (eventStream) {
            Optional<Reply.Resume> resume = sse.lastEventId().isEmpty() ? Optional.empty()
                    : Optional.of(new Reply.Resume(sse.lastEventId(), sse.retryMillis()));
            return new Reply(status, headers, Optional.empty(), resume);
        }
        byte[] bytes = body.toByteArray();
        Optional<JsonRpcMessage> message = isBlank(bytes) ? Optional.empty() : Optional.of(JsonRpcParser.parse(bytes));
        return new Reply(status, headers, message, Optional.empty());
    }

    /** A response whose whole body the HTTP client has already collected within its size cap (errors, 202s). */
    static Reply ofWhole(HttpResponse<?> response, ProbeTrace trace) {
        trace.sawStatus(response.code());
        Reply.ReplyHeaders headers = headersOf(response.getHeaders());
        byte[] bytes = response.getBody(byte[].class).orElse(new byte[0]);
        Optional<JsonRpcMessage> message;
        if (headers.contentType().map(ReplyReader::isEventStream).orElse(false)) {
            message = new SseParser().feed(bytes).stream()
                    .map(event -> JsonRpcParser.parse(event.data()))
                    .filter(m -> m instanceof JsonRpcMessage.Error || m instanceof JsonRpcMessage.Result)
                    .findFirst();
        } else {
            message = isBlank(bytes) ? Optional.empty() : Optional.of(JsonRpcParser.parse(bytes));
        }
        return new Reply(response.code(), headers, message, Optional.empty());
    }

    private Optional<JsonRpcMessage> answerIn(SseEvent event) {
        if (!event.type().equals("message") || event.data().isBlank() || answerTo < 0) {
            return Optional.empty();
        }
        JsonRpcMessage message = JsonRpcParser.parse(event.data());
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

    private static Reply.ReplyHeaders headersOf(HttpHeaders headers) {
        return new Reply.ReplyHeaders(
                Optional.ofNullable(headers.get(HttpHeaders.CONTENT_TYPE)),
                Optional.ofNullable(headers.get("Mcp-Session-Id")),
                Optional.ofNullable(headers.get(HttpHeaders.WWW_AUTHENTICATE)));
    }

    /** A copy of the chunk; the HTTP client releases the buffer itself once the emission returns. */
    static byte[] bytesOf(ByteBuffer<?> buffer) {
        return buffer == null ? new byte[0] : buffer.toByteArray();
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
