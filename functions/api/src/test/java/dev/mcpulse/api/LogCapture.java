package dev.mcpulse.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.mcpulse.core.JsonLogging;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Every log line written while it is open, encoded exactly as the function's JSON encoder writes it. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private JsonEncoder encoder;
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        capture.encoder = JsonLogging.jsonEncoder(capture.getContext()); // the deployed function's encoder
        capture.start();
        capture.root.addAppender(capture);
        return capture;
    }

    /**
     * Loggers of the MCP servers the tests run inside this JVM (MCP Java SDK on Jetty). They are the probed server's
     * logs, not the function's — the deployed function has neither library — and may print what the server was sent.
     */
    private static final List<String> IN_PROCESS_SERVER_LOGGERS = List.of("io.modelcontextprotocol.", "org.eclipse.jetty.",
            "dev.mcpulse.testservers.");

    @Override
    protected void append(ILoggingEvent event) {
        if (IN_PROCESS_SERVER_LOGGERS.stream().anyMatch(event.getLoggerName()::startsWith)) {
            return;
        }
        lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8).strip());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
