package dev.mcpulse.domain.endpoint;

import java.util.Arrays;
import java.util.Optional;

/** How the probe reaches an endpoint. {@code AUTO} detects the protocol era as the MCP spec's compatibility rules say. */
public enum Transport {
    AUTO("auto"),
    STREAMABLE_HTTP("streamable-http"),
    /** Legacy HTTP+SSE of protocol revision 2024-11-05. */
    SSE("sse");

    private final String wireName;

    Transport(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Transport> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Transport::wireName).toList());
    }
}
