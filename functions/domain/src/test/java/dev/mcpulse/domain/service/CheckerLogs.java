package dev.mcpulse.domain.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What {@link EndpointChecker} logs while some work runs, from {@code level} up (the tests' configuration is quieter). */
final class CheckerLogs {

    private CheckerLogs() {
    }

    static List<ILoggingEvent> during(Level level, Runnable work) {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger checker = (Logger) LoggerFactory.getLogger(EndpointChecker.class);
        Level before = checker.getLevel();
        checker.setLevel(level);
        logs.start();
        checker.addAppender(logs);
        try {
            work.run();
        } finally {
            checker.detachAppender(logs);
            checker.setLevel(before);
        }
        return List.copyOf(logs.list);
    }
}
