package dev.mcpulse.domain.health;

import java.util.Arrays;
import java.util.Optional;

/** The MCP protocol era an endpoint spoke in its last probe. */
public enum Era {
    /** 2026-07-28 and later: stateless, {@code server/discover}, no handshake. */
    MODERN("modern"),
    /** 2025-03-26 to 2025-11-25: streamable HTTP with {@code initialize} and sessions. */
    LEGACY_STREAMABLE_HTTP("legacy-streamable-http"),
    /** 2024-11-05: HTTP+SSE with a separate POST endpoint. */
    LEGACY_SSE("legacy-sse");

    private final String code;

    Era(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Era> fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }
}
