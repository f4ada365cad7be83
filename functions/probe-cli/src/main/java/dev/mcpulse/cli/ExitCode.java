package dev.mcpulse.cli;

import dev.mcpulse.domain.health.OutcomeKind;

/** The exit status of {@code mcpulse-probe}: one per family of outcomes, so scripts can branch on it. */
final class ExitCode {

    static final int OK = 0;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int UNREACHABLE = 4;
    static final int TOOL = 5;
    static final int PROTOCOL = 6;
    /** A fleet check left without a verdict on a server: mcpulse itself was overloaded throughout, or its prober failed. */
    static final int NO_VERDICT = 7;

    private ExitCode() {
    }

    static int of(OutcomeKind kind) {
        return switch (kind) {
            case OK -> OK;
            case AUTH_MISSING, AUTH_REJECTED, AUTH_INSUFFICIENT_SCOPE, AUTH_SERVER_REFUSED, AUTH_DISCOVERY_FAILED -> AUTH;
            case UNREACHABLE, TIMEOUT, AUTH_SERVER_UNREACHABLE -> UNREACHABLE;
            case TOOL_ERROR -> TOOL;
            case PROTOCOL_ERROR, RPC_ERROR, HTTP_ERROR -> PROTOCOL;
        };
    }
}
