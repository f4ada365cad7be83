package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonLoggingTest {

    @Test
    void withoutALogbackXmlTheRootLogsJsonLinesToStandardOutputAndLibrariesOnlyWarn() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new JsonLogging().configure(context);

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDOUT")).isInstanceOfSatisfying(ConsoleAppender.class, console -> {
            assertThat(console.isStarted()).isTrue();
            assertThat(console.getTarget()).isEqualTo("System.out");
            assertThat(console.getEncoder()).isInstanceOf(JsonEncoder.class);
        });
        assertThat(JsonLogging.QUIET_LIBRARIES).allSatisfy(name ->
                assertThat(context.getLogger(name).getEffectiveLevel()).isEqualTo(Level.WARN));
        assertThat(context.getLogger("dev.mcpulse.probe").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void aLineCarriesTheFormattedMessageTheKeyValuesAndTheRequestIdButNotTheArguments() {
        LoggerContext context = new LoggerContext();
        new JsonLogging().configure(context);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console = (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        Logger logger = context.getLogger("dev.mcpulse.test");
        MDC.put("AWSRequestId", "req-7");
        try {
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "probe of {} done",
                    null, new Object[] {"argument-value"});
            event.addKeyValuePair(new org.slf4j.event.KeyValuePair("endpointId", "ep-1"));
            event.setMDCPropertyMap(MDC.getCopyOfContextMap());

            String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

            assertThat(line).endsWith("\n").contains("\"level\":\"INFO\"", "\"loggerName\":\"dev.mcpulse.test\"",
                    "\"formattedMessage\":\"probe of argument-value done\"", "\"endpointId\":\"ep-1\"",
                    "\"AWSRequestId\":\"req-7\"", "\"fields\":{\"endpointId\":\"ep-1\"}");
            assertThat(line).doesNotContain("\"arguments\"", "\"message\":", "\"context\"", "kvpList");
        } finally {
            MDC.clear();
        }
    }

    @Test
    void theRootLevelComesFromTheVariableWhenValid() {
        assertThat(JsonLogging.rootLevel(null)).isEqualTo(Level.INFO);
        assertThat(JsonLogging.rootLevel(" ")).isEqualTo(Level.INFO);
        assertThat(JsonLogging.rootLevel("debug")).isEqualTo(Level.DEBUG);
        assertThat(JsonLogging.rootLevel(" WARN ")).isEqualTo(Level.WARN);
        assertThat(JsonLogging.rootLevel("loud")).isEqualTo(Level.INFO);
    }

    @Test
    void logbackFindsItAsAConfigurator() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(provider -> provider.type().getName())).contains(JsonLogging.class.getName());
    }
}
