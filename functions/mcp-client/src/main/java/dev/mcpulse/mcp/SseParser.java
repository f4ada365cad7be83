package dev.mcpulse.mcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The single incremental reader of {@code text/event-stream} (the WHATWG event-stream format), shared by every
 * path that receives SSE. Feed it chunks as they arrive, split anywhere (even inside a line ending or a UTF-8
 * character); it returns the events completed so far. Comment lines and unknown fields are ignored. It keeps the
 * last event id and retry delay, which a legacy streamable-HTTP client needs to resume a stream. Lines are decoded
 * as the format says (malformed UTF-8 becomes U+FFFD), and an event whose data was malformed says so.
 */
final class SseParser {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private boolean dataSeen;
    private boolean dataValidUtf8 = true;
    private boolean lastWasCr;
    private boolean atStart = true;
    private String lastEventId = "";
    private Long retryMillis;

    List<SseEvent> feed(byte[] chunk) {
        List<SseEvent> events = new ArrayList<>();
        int from = 0;
        if (atStart && chunk.length > 0) {
            from = skipByteOrderMark(chunk);
        }
        for (int i = from; i < chunk.length; i++) {
            byte b = chunk[i];
            if (lastWasCr && b == LF) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == CR;
            if (b == CR || b == LF) {
                endOfLine(events);
            } else {
                line.write(b);
            }
        }
        return events;
    }

    /** The last event id the stream set (empty string when none), for {@code Last-Event-ID}. */
    String lastEventId() {
        return lastEventId;
    }

    Optional<Long> retryMillis() {
        return Optional.ofNullable(retryMillis);
    }

    private int skipByteOrderMark(byte[] chunk) {
        atStart = false;
        boolean bom = chunk.length >= 3 && (chunk[0] & 0xff) == 0xEF && (chunk[1] & 0xff) == 0xBB && (chunk[2] & 0xff) == 0xBF;
        return bom ? 3 : 0;
    }

    private void endOfLine(List<SseEvent> events) {
        String text = line.toString(StandardCharsets.UTF_8);
        // Malformed bytes decode to U+FFFD; only a line holding one needs the strict check.
        boolean validUtf8 = text.indexOf('\uFFFD') < 0 || Utf8.isValid(line.toByteArray());
        line.reset();
        if (text.isEmpty()) {
            dispatch(events);
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                data.append(value).append('\n');
                dataSeen = true;
                dataValidUtf8 &= validUtf8;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.length() < 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // Unknown fields are ignored, as the format requires.
            }
        }
    }

    private void dispatch(List<SseEvent> events) {
        if (dataSeen) {
            String payload = data.substring(0, data.length() - 1);
            events.add(new SseEvent(eventType.isEmpty() ? "message" : eventType, payload, dataValidUtf8));
        }
        data.setLength(0);
        dataSeen = false;
        dataValidUtf8 = true;
        eventType = "";
    }
}
