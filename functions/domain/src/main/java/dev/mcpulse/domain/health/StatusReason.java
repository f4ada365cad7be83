package dev.mcpulse.domain.health;

/** Why an endpoint has its status: the outcome codes plus the read-time reasons. */
public enum StatusReason {
    OK("ok"),
    AUTH_MISSING("auth_missing"),
    AUTH_REJECTED("auth_rejected"),
    AUTH_INSUFFICIENT_SCOPE("auth_insufficient_scope"),
    AUTH_SERVER_REFUSED("auth_server_refused"),
    AUTH_DISCOVERY_FAILED("auth_discovery_failed"),
    AUTH_SERVER_UNREACHABLE("auth_server_unreachable"),
    TOOL_ERROR("tool_error"),
    TIMEOUT("timeout"),
    UNREACHABLE("unreachable"),
    HTTP_ERROR("http_error"),
    PROTOCOL_ERROR("protocol_error"),
    RPC_ERROR("rpc_error"),
    NEVER_CHECKED("never_checked"),
    STALE("stale"),
    /** The endpoint is disabled in the registry: listed, not probed. */
    PAUSED("paused");

    private final String code;

    StatusReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static StatusReason of(OutcomeKind outcome) {
        return valueOf(outcome.name());
    }
}
