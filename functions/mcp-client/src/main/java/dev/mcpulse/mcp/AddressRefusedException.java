package dev.mcpulse.mcp;

import java.io.IOException;

/**
 * The probe's resolver refused to let a connection go to an address (a name that resolves to instance metadata,
 * say). The message is the policy's reason, e.g. "resolves to link-local 169.254.169.254": addresses, never secrets.
 */
final class AddressRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    AddressRefusedException(String reason) {
        super(reason);
    }

    /** The reason is the whole story; a stack trace per refused probe would only cost time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
