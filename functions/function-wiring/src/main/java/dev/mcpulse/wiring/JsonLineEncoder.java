package dev.mcpulse.wiring;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The functions' JSON line: logback's {@link JsonEncoder} (level, logger, thread, timestamp, the MDC with the request
 * id, the formatted message, the throwable), except that the key/values the code adds with SLF4J's
 * {@code addKeyValue} are one object of named members, {@code "fields":{"endpointId":"…","latencyMs":412}}, instead
 * of logback's positional {@code "kvpList":[{…},{…}]}. So Logs Insights finds a field by its name:
 * {@code filter fields.endpointId = "github-mcp"}, {@code stats avg(fields.latencyMs)}.
 *
 * <p>A nested object rather than top-level members: a key can never collide with the line's own members (a field
 * named {@code level} or {@code timestamp} would make the line ambiguous). A key added twice keeps its last value.
 * Numbers and booleans stay JSON numbers and booleans; every string is escaped ({@link JsonText}). The constructor
 * sets the fields the functions log, so a logback-test.xml can name this class with no further settings.
 */
public class JsonLineEncoder extends JsonEncoder {

    /** The member holding the key/values. */
    public static final String FIELDS = "fields";

    public JsonLineEncoder() {
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithArguments(false);
        setWithMessage(false);
        setWithFormattedMessage(true);
    }

    @Override
    protected void appendKeyValuePairs(StringBuilder sb, ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (KeyValuePair pair : pairs) {
            if (pair != null && pair.key != null) {
                fields.remove(pair.key); // the last value, in the place it was last added
                fields.put(pair.key, pair.value);
            }
        }
        sb.append(',');
        JsonText.appendString(sb, FIELDS).append(":{");
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            JsonText.appendString(sb, field.getKey()).append(':');
            JsonText.appendValue(sb, field.getValue());
        }
        sb.append('}');
    }
}
