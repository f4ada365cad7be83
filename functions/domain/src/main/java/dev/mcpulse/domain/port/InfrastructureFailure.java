package dev.mcpulse.domain.port;

/**
 * An adapter's infrastructure could not do what a port was asked (a store could not be written, a function could
 * not be invoked), after the adapter's own retries. Adapters translate their clients' exceptions into this type so
 * that the domain can say what failed without knowing the client: the message is a safe description built from
 * structured parts only — service, operation, error code, HTTP status, request id — never the foreign exception's
 * message, which may quote a request. The foreign exception stays the cause, for its stack.
 */
public class InfrastructureFailure extends RuntimeException {

    public InfrastructureFailure(String description, Throwable cause) {
        super(description, cause);
    }

    public InfrastructureFailure(String description) {
        super(description);
    }
}
