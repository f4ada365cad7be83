package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseEvent> feedInPieces(String stream, int pieceSize) {
        SseParser parser = new SseParser();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += pieceSize) {
            byte[] piece = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + pieceSize));
            events.addAll(parser.feed(piece));
        }
        return events;
    }

    @Test
    void readsNamedEventsAndMultiLineData() {
        List<SseEvent> events = feedInPieces("event: endpoint\ndata: /messages?s=1\n\ndata: a\ndata: b\n\n", 1000);

        assertThat(events).containsExactly(new SseEvent("endpoint", "/messages?s=1"), new SseEvent("message", "a\nb"));
    }

    @Test
    void anySplitGivesTheSameEventsEvenInsideCrLfAndUtf8() {
        String stream = "\uFEFFevent: message\r\ndata: {\"text\":\"héllo ✓\"}\r\n\r\n: keep-alive\r\rdata: second\r\n\r\n";
        List<SseEvent> whole = feedInPieces(stream, 10_000);

        assertThat(whole).containsExactly(new SseEvent("message", "{\"text\":\"héllo ✓\"}"), new SseEvent("message", "second"));
        for (int size = 1; size < 12; size++) {
            assertThat(feedInPieces(stream, size)).as("pieces of %d bytes", size).isEqualTo(whole);
        }
    }

    @Test
    void commentsAndUnknownFieldsAreIgnoredAndEmptyEventsAreNotDispatched() {
        assertThat(feedInPieces(": comment\nfoo: bar\n\nevent: x\n\n", 3)).isEmpty();
    }

    @Test
    void keepsTheLastEventIdAndRetryForResumption() {
        SseParser parser = new SseParser();
        List<SseEvent> events = parser.feed("id: event-1\nretry: 500\ndata: \n\nretry: soon\n".getBytes(StandardCharsets.UTF_8));

        assertThat(events).containsExactly(new SseEvent("message", ""));
        assertThat(parser.lastEventId()).isEqualTo("event-1");
        assertThat(parser.retryMillis()).contains(500L);
    }

    @Test
    void anEventIsOnlyDispatchedAtItsBlankLine() {
        SseParser parser = new SseParser();

        assertThat(parser.feed("data: {\"partial\":".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.feed("true}\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.feed("\n".getBytes(StandardCharsets.UTF_8))).containsExactly(new SseEvent("message", "{\"partial\":true}"));
    }

    @Test
    void invalidUtf8InDataIsDecodedAsTheFormatSaysButMarked() {
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        stream.writeBytes(": a comment may hold anything: ".getBytes(StandardCharsets.UTF_8));
        stream.write(0xFF); // never valid in UTF-8
        stream.writeBytes("\n\ndata: a real replacement character \ufffd is fine\n\ndata: bad ".getBytes(StandardCharsets.UTF_8));
        stream.write(0xFF);
        stream.writeBytes("\ndata: rest\n\ndata: next\n\n".getBytes(StandardCharsets.UTF_8));

        List<SseEvent> events = new SseParser().feed(stream.toByteArray());

        assertThat(events).containsExactly(
                new SseEvent("message", "a real replacement character \ufffd is fine", true),
                new SseEvent("message", "bad \ufffd\nrest", false),
                new SseEvent("message", "next", true));
    }
}
