package dev.mcpulse.mcp;

/**
 * The bounds that keep one probe's memory and request count small whatever the server sends.
 *
 * @param maxBodyBytes     the largest response body (or SSE stream, counted across events) read for one request
 * @param maxPages         the most {@code tools/list} pages followed before the server is called broken
 * @param maxSseReconnects the most times a legacy streamable-HTTP SSE response is resumed with {@code Last-Event-ID}
 */
public record McpLimits(int maxBodyBytes, int maxPages, int maxSseReconnects) {

    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    public static McpLimits defaults() {
        return new McpLimits(MAX_BODY_BYTES, 20, 3);
    }
}
