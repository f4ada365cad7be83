package dev.mcpulse.domain.port;

import java.util.ArrayList;
import java.util.List;

/**
 * What a failure was, in words safe for a log line: the messages mcpulse wrote itself ({@link SafeMessage} and
 * {@link InfrastructureFailure}), down the cause chain to the infrastructure failure that explains them, and for any
 * other exception only its class name — never the message of a foreign exception, which may quote a request or a
 * secret. For example "1 of 2 snapshots could not be stored: DynamoDB PutItem:
 * ProvisionedThroughputExceededException, HTTP 400, request id 7Q2N…".
 */
public final class FailureDescription {

    /** An exception whose message mcpulse builds from safe parts only; its cause is described after it. */
    public interface SafeMessage {
    }

    private static final int MAX_DEPTH = 8;

    private FailureDescription() {
    }

    public static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable current = failure; current != null && parts.size() < MAX_DEPTH; current = current.getCause()) {
            if (current instanceof InfrastructureFailure) {
                parts.add(current.getMessage()); // it already describes its foreign cause
                break;
            }
            if (!(current instanceof SafeMessage)) {
                parts.add(current.getClass().getSimpleName());
                break;
            }
            parts.add(current.getMessage());
        }
        return String.join(": ", parts);
    }
}
