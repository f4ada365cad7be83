package dev.mcpulse.mcpservers;

import java.net.URI;

/** A real MCP server listening on 127.0.0.1 for a test; closing it stops it (idempotent). */
public interface RunningServer extends AutoCloseable {

    /** The MCP endpoint: the streamable HTTP URL, or the SSE URL of a 2024-11-05 HTTP+SSE server. */
    URI url();

    /** The id of the process serving it (the test JVM itself for in-process servers). */
    long pid();

    @Override
    void close();
}
