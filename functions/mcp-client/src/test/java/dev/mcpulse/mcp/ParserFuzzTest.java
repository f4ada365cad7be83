package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 12,000 seeded random and mutated JSON-RPC bodies and SSE streams through the one JSON-RPC parser and the one SSE
 * parser: every input gives a value (a message, an {@code Invalid} with a reason, or events), no exception escapes,
 * and the whole run ends well inside its bound. The seed is fixed so a failure reproduces; the case number is in
 * the assertion message.
 */
class ParserFuzzTest {

    private static final long SEED = 20260728L;
    private static final int CASES = 6_000;

    @Test
    void jsonRpcBodiesAlwaysGiveAMessageOrAReason() {
        Mutations mutations = new Mutations(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] body = mutations.jsonBody();
                JsonRpcMessage message = JsonRpcParser.parse(body);
                assertThat(message).as("case %d", i).isNotNull();
                if (message instanceof JsonRpcMessage.Invalid invalid) {
                    assertThat(invalid.reason()).as("case %d", i).isNotBlank();
                }
                message.answers(1);
            }
        });
    }

    @Test
    void sseStreamsSplitAnywhereGiveTheSameEventsAndParseableData() {
        Mutations mutations = new Mutations(SEED + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] stream = mutations.sseStream();
                List<SseEvent> whole = new SseParser().feed(stream);
                List<SseEvent> pieces = feedInRandomPieces(stream, mutations);
                assertThat(pieces).as("case %d: the split must not change the events", i).isEqualTo(whole);
                for (SseEvent event : whole) {
                    assertThat(JsonRpcParser.parse(event.data())).as("case %d", i).isNotNull();
                }
            }
        });
    }

    private static List<SseEvent> feedInRandomPieces(byte[] stream, Mutations mutations) {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int size = 1 + mutations.random().nextInt(16);
            events.addAll(parser.feed(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + size))));
            at += size;
        }
        return events;
    }
}
