package dev.mcpulse.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while it is open, encoded by the encoder the caller names — the deployed function's
 * ({@code LogCapture.open(JsonLogging::jsonEncoder)}), so that a test reads exactly what CloudWatch would.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /**
     * Loggers of the MCP servers the tests run inside this JVM (MCP Java SDK on Jetty). They are the probed server's
     * logs, not the function's — the deployed function has neither library — and may print what the server was sent.
     */
    private static final List<String> IN_PROCESS_SERVER_LOGGERS = List.of("io.modelcontextprotocol.", "org.eclipse.jetty.",
            "dev.mcpulse.mcpservers.", "dev.mcpulse.testsupport.");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Encoder<ILoggingEvent> encoder;

    private LogCapture() {
    }

    public static LogCapture open(Function<Context, ? extends Encoder<ILoggingEvent>> encoderOf) {
        LogCapture capture = new LogCapture();
        capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.encoder = encoderOf.apply(capture.getContext());
        capture.start();
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (IN_PROCESS_SERVER_LOGGERS.stream().anyMatch(event.getLoggerName()::startsWith)) {
            return;
        }
        lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8).strip());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
