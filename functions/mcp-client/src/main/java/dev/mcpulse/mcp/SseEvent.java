package dev.mcpulse.mcp;

/** One dispatched server-sent event. {@code type} is {@code message} when the stream named none. */
record SseEvent(String type, String data) {
}
