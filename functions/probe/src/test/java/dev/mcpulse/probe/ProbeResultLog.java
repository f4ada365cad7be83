package dev.mcpulse.probe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.mcpulse.domain.service.EndpointChecker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The "probe result" log lines the checker writes for every check, as records: which invocation (the Lambda
 * request id), which endpoint, and what happened to its snapshot ({@code written} or {@code dropped_not_newer}).
 */
final class ProbeResultLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    record Result(String requestId, String endpointId, String outcome, String stored) {
    }

    private final List<Result> results = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(EndpointChecker.class);

    static ProbeResultLog open() {
        ProbeResultLog log = new ProbeResultLog();
        log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        log.start();
        log.logger.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!"probe result".equals(event.getMessage()) || event.getKeyValuePairs() == null) {
            return;
        }
        Map<String, String> fields = new HashMap<>();
        event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, String.valueOf(pair.value)));
        results.add(new Result(event.getMDCPropertyMap().get("AWSRequestId"), fields.get("endpointId"),
                fields.get("outcome"), fields.get("stored")));
    }

    List<Result> of(String endpointId) {
        return results.stream().filter(r -> endpointId.equals(r.endpointId())).toList();
    }

    List<Result> ofRequest(String requestId) {
        return results.stream().filter(r -> requestId.equals(r.requestId())).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
