package dev.mcpulse.mcp;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/** A response's status line and headers, as the server sent them. */
record ResponseHead(int status, HttpHeaders headers) {

    /** The first value of header {@code name} (case-insensitive), if sent. */
    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
