package dev.mcpulse.bench.probefn;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.mcpulse.wiring.JsonLogging;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Lines written by the function's own encoder, as B1 reads them from its process. */
class RecordedTimeoutTest {

    private static String line(String message, String outcome, Long stalledMs) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("dev.mcpulse.domain.service.EndpointChecker");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
        event.addKeyValuePair(new KeyValuePair("endpointId", "mcp-0042"));
        event.addKeyValuePair(new KeyValuePair("outcome", outcome));
        if (stalledMs != null) {
            event.addKeyValuePair(new KeyValuePair("stalledMs", stalledMs));
        }
        return new String(JsonLogging.jsonEncoder(context).encode(event), StandardCharsets.UTF_8).strip();
    }

    @Test
    void aRecordedTimeoutsLineGivesItsEndpointAndHowLongTheProcessWasHeldUp() {
        assertThat(RecordedTimeout.parse(line("probe result", "timeout", 37L)))
                .contains(new RecordedTimeout("mcp-0042", 37));
    }

    @Test
    void otherOutcomesOtherMessagesAndOtherTextAreNotRecordedTimeouts() {
        assertThat(RecordedTimeout.parse(line("probe result", "ok", 0L))).isEmpty();
        assertThat(RecordedTimeout.parse(line("probe result", "timeout", null))).isEmpty();
        assertThat(RecordedTimeout.parse(line("the probe ran while mcpulse was overloaded; probing again later "
                + "instead of recording it", "timeout", 900L))).isEmpty();
        assertThat(RecordedTimeout.parse("mcpulse-bench: {\"probe result\"")).isEmpty();
        assertThat(RecordedTimeout.parse("{\"probe result\": not json")).isEmpty();
    }
}
