package dev.mcpulse.domain.health;

import java.util.Arrays;
import java.util.Optional;

/** The closed set of probe outcomes (DESIGN section 3), as stored in a snapshot. */
public enum OutcomeKind {
    OK("ok"),
    AUTH_MISSING("auth_missing"),
    AUTH_REJECTED("auth_rejected"),
    AUTH_INSUFFICIENT_SCOPE("auth_insufficient_scope"),
    TIMEOUT("timeout"),
    UNREACHABLE("unreachable"),
    HTTP_ERROR("http_error"),
    PROTOCOL_ERROR("protocol_error"),
    RPC_ERROR("rpc_error"),
    TOOL_ERROR("tool_error");

    private final String code;

    OutcomeKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean connected() {
        return this == OK;
    }

    /** A credential was presented and refused: the failures that count towards auth escalation. */
    public boolean isAuthFailure() {
        return this == AUTH_REJECTED || this == AUTH_INSUFFICIENT_SCOPE;
    }

    public static Optional<OutcomeKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
