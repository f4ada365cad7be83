package dev.mcpulse.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The functions' logging, set up in code rather than by a logback.xml: one JSON object per line on standard output
 * (CloudWatch Logs Insights reads the fields) — level, logger, the formatted message, the MDC (the request id) and
 * the key-value pairs the code adds, as one {@code "fields"} object of named members ({@link JsonLineEncoder});
 * never the arguments or the logger context. Third-party libraries log warnings
 * and above; {@code MCPULSE_LOG_LEVEL} sets the root level (default INFO).
 *
 * <p>Why code: parsing logback.xml loads logback's Joran configurator and the JDK's XML parser, several hundred
 * classes, on every cold start. A logback.xml or logback-test.xml on the classpath still wins (the local runner's
 * console format, the tests' capture), and so does {@code -Dlogback.configurationFile}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class JsonLogging extends ContextAwareBase implements Configurator {

    static final String LEVEL_VARIABLE = "MCPULSE_LOG_LEVEL";
    static final List<String> QUIET_LIBRARIES = List.of("io.micronaut", "software.amazon.awssdk", "com.amazonaws", "io.netty");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (explicitConfiguration()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(jsonEncoder(context));
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getProperty(LEVEL_VARIABLE, System.getenv(LEVEL_VARIABLE))));
        root.addAppender(console);
        QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The encoder of every line, started: the fields above and no others ({@link JsonLineEncoder}). */
    public static JsonEncoder jsonEncoder(Context context) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    /** INFO unless a valid level is given. */
    static Level rootLevel(String configured) {
        return configured == null || configured.isBlank() ? Level.INFO : Level.toLevel(configured.strip(), Level.INFO);
    }

    private static boolean explicitConfiguration() {
        ClassLoader loader = JsonLogging.class.getClassLoader();
        return System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }
}
