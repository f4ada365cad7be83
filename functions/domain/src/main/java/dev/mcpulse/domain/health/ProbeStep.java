package dev.mcpulse.domain.health;

import java.util.Arrays;
import java.util.Optional;

/** The step of a probe that was running when it ended; named in every failure. */
public enum ProbeStep {
    RESOLVE_SECRET("resolve_secret"),
    /** OAuth: the challenge, protected resource metadata and authorization server metadata. */
    AUTH_DISCOVERY("auth_discovery"),
    /** OAuth: the token request. */
    TOKEN("token"),
    /** Modern era (2026-07-28): {@code server/discover}. */
    DISCOVER("discover"),
    /** Legacy streamable HTTP: {@code initialize} and {@code notifications/initialized}. */
    INITIALIZE("initialize"),
    /** Legacy HTTP+SSE: opening the stream and waiting for the {@code endpoint} event. */
    SSE_CONNECT("sse_connect"),
    TOOLS_LIST("tools_list"),
    TOOL_CALL("tool_call");

    private final String code;

    ProbeStep(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ProbeStep> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
