package dev.mcpulse.domain.health;

import java.util.Arrays;
import java.util.Optional;

/** The closed set of probe outcomes (DESIGN section 3), as stored in a snapshot. */
public enum OutcomeKind {
    OK("ok"),
    AUTH_MISSING("auth_missing"),
    AUTH_REJECTED("auth_rejected"),
    AUTH_INSUFFICIENT_SCOPE("auth_insufficient_scope"),
    AUTH_SERVER_REFUSED("auth_server_refused"),
    AUTH_DISCOVERY_FAILED("auth_discovery_failed"),
    AUTH_SERVER_UNREACHABLE("auth_server_unreachable"),
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

    /** A credential was presented and refused, by the MCP server or by its authorization server: unhealthy. */
    public boolean isAuthFailure() {
        return this == AUTH_REJECTED || this == AUTH_INSUFFICIENT_SCOPE || this == AUTH_SERVER_REFUSED;
    }

    /**
     * A failure anywhere on the sign-in chain: a refused credential, or an OAuth link (discovery, the token endpoint)
     * that broke. These count towards auth escalation; only {@link #isAuthFailure()} makes an endpoint unhealthy.
     */
    public boolean isAuthChainFailure() {
        return isAuthFailure() || this == AUTH_DISCOVERY_FAILED || this == AUTH_SERVER_UNREACHABLE;
    }

    public static Optional<OutcomeKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
