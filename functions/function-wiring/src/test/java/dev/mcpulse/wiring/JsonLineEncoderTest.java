package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/**
 * The shape of one log line, pinned: the key/values are members of one {@code fields} object, each found by its name
 * (what a Logs Insights query such as {@code filter fields.endpointId = "ep-1"} reads), and a hostile value still
 * yields exactly one valid JSON line.
 */
class JsonLineEncoderTest {

    static final String HOSTILE = "say \"hi\"\nsecond line\r\tnul\u0000 unit\u001f del\u007f ls\u2028 back\\slash }{\",";

    final LoggerContext context = new LoggerContext();
    final Logger logger = context.getLogger("dev.mcpulse.test");
    final JsonLineEncoder encoder = started(new JsonLineEncoder());

    @Test
    void eachKeyValueIsAMemberOfFieldsFoundByItsNameAndTheRestOfTheLineIsKept() {
        LoggingEvent event = event("probe result", Map.of("AWSRequestId", "req-7"));
        event.addKeyValuePair(new KeyValuePair("endpointId", "ep-1"));
        event.addKeyValuePair(new KeyValuePair("outcome", "ok"));
        event.addKeyValuePair(new KeyValuePair("latencyMs", 412L));
        event.addKeyValuePair(new KeyValuePair("status", 200));
        event.addKeyValuePair(new KeyValuePair("connected", true));
        event.addKeyValuePair(new KeyValuePair("secretRef", null));

        String line = encode(event);
        Map<String, Object> parsed = parse(line);

        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) parsed.get("fields");
        Map<String, Object> expected = new java.util.HashMap<>(Map.of("endpointId", "ep-1", "outcome", "ok",
                "latencyMs", 412, "status", 200, "connected", true));
        expected.put("secretRef", null);
        assertThat(fields).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(line).contains("\"fields\":{\"endpointId\":\"ep-1\",\"outcome\":\"ok\",\"latencyMs\":412,"
                + "\"status\":200,\"connected\":true,\"secretRef\":null}");
        assertThat(parsed).doesNotContainKey("kvpList")
                .containsEntry("level", "INFO")
                .containsEntry("loggerName", "dev.mcpulse.test")
                .containsEntry("formattedMessage", "probe result")
                .containsEntry("mdc", Map.of("AWSRequestId", "req-7"))
                .containsKeys("timestamp", "threadName")
                .doesNotContainKeys("arguments", "message", "context", "sequenceNumber", "nanoseconds");
    }

    @Test
    void aHostileValueKeyAndMessageStillMakeOneValidJsonLineThatReadsBackUnchanged() {
        LoggingEvent event = event("message with " + HOSTILE, Map.of("AWSRequestId", HOSTILE));
        event.addKeyValuePair(new KeyValuePair("endpointId", HOSTILE));
        event.addKeyValuePair(new KeyValuePair(HOSTILE, "value of a hostile key"));
        event.addKeyValuePair(new KeyValuePair("object", new Object() {
            @Override
            public String toString() {
                return HOSTILE;
            }
        }));
        event.addKeyValuePair(new KeyValuePair("notANumber", Double.NaN));

        String line = encode(event);

        assertThat(line).endsWith("}\n");
        assertThat(line.strip().lines()).as("one line").hasSize(1);
        assertThat(line.strip().chars().filter(c -> c < 0x20)).as("no raw control character").isEmpty();
        assertThat(line).contains("\"endpointId\":\"say \\\"hi\\\"\\nsecond line\\r\\tnul\\u0000 unit\\u001f del\\u007f ls\\u2028");
        Map<String, Object> parsed = parse(line);
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) parsed.get("fields");
        assertThat(fields).containsEntry("endpointId", HOSTILE).containsEntry(HOSTILE, "value of a hostile key")
                .containsEntry("object", HOSTILE).containsEntry("notANumber", "NaN");
        assertThat(parsed).containsEntry("formattedMessage", "message with " + HOSTILE)
                .containsEntry("mdc", Map.of("AWSRequestId", HOSTILE));
    }

    @Test
    void aKeyNamedLikeAMemberOfTheLineCannotCollideAndAKeyAddedTwiceKeepsItsLastValue() {
        LoggingEvent event = event("collision");
        event.addKeyValuePair(new KeyValuePair("level", "not-a-level"));
        event.addKeyValuePair(new KeyValuePair("shard", 1));
        event.addKeyValuePair(new KeyValuePair("shard", 2));

        Map<String, Object> parsed = parse(encode(event));

        assertThat(parsed).containsEntry("level", "INFO");
        assertThat(parsed.get("fields")).isEqualTo(Map.of("level", "not-a-level", "shard", 2));
    }

    @Test
    void aLineWithoutKeyValuesHasNoFieldsAndAThrowableIsKept() {
        LoggingEvent event = event("failed");
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));

        Map<String, Object> parsed = parse(encode(event));

        assertThat(parsed).doesNotContainKey("fields");
        assertThat(parsed.get("throwable").toString()).contains("IllegalStateException", "boom");
    }

    @Test
    void theFunctionsEncoderIsThisOne() {
        assertThat(JsonLogging.jsonEncoder(context)).isInstanceOf(JsonLineEncoder.class);
    }

    private LoggingEvent event(String message) {
        return event(message, Map.of());
    }

    private LoggingEvent event(String message, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private String encode(LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private JsonLineEncoder started(JsonLineEncoder e) {
        e.setContext(context);
        e.start();
        return e;
    }

    static Map<String, Object> parse(String line) {
        try {
            return JsonMapper.createDefault().readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
