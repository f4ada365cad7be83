package dev.mcpulse.mcp;

/**
 * One dispatched server-sent event. {@code type} is {@code message} when the stream named none. {@code validUtf8}
 * is false when a data line was not well-formed UTF-8: the format decodes it anyway (with U+FFFD), but a JSON-RPC
 * message in it is broken.
 */
record SseEvent(String type, String data, boolean validUtf8) {

    SseEvent(String type, String data) {
        this(type, data, true);
    }
}
