package dev.mcpulse.bench.latency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * B3's baseline: the bare HTTP exchanges a legacy streamable-HTTP server needs for what one probe does — POST
 * {@code initialize}, POST {@code notifications/initialized}, POST {@code tools/list}, POST the readiness
 * {@code tools/call}, DELETE the session — sent by the JDK's HTTP client over kept-alive HTTP/1.1 connections. Each
 * body is read whole (the server ends each response after its answer); nothing is parsed but the session id and the
 * negotiated version, which the next requests must carry. Optionally the modern {@code server/discover} attempt a
 * probe makes before it knows the server's era (answered 4xx by a legacy server).
 */
final class RawLegacyExchanges {

    static final String VERSION = "2025-11-25";
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String DISCOVER = """
            {"jsonrpc":"2.0","id":0,"method":"server/discover","params":{"_meta":{\
            "io.modelcontextprotocol/protocolVersion":"2026-07-28",\
            "io.modelcontextprotocol/clientInfo":{"name":"raw","version":"1"},\
            "io.modelcontextprotocol/clientCapabilities":{}}}}""";
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},\
            "clientInfo":{"name":"raw","version":"1"}}}""".formatted(VERSION);
    private static final String INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""";
    private static final String TOOLS_LIST = """
            {"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""";
    private static final String TOOLS_CALL = """
            {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"%s","arguments":{}}}""";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final URI url;
    private final String toolCall;

    RawLegacyExchanges(URI url, String readinessTool) {
        this.url = url;
        this.toolCall = TOOLS_CALL.formatted(readinessTool);
    }

    /** How many HTTP exchanges {@link #run(boolean)} makes. */
    static int exchanges(boolean discoverFirst) {
        return discoverFirst ? 6 : 5;
    }

    /** One probe's worth of exchanges; fails if any answers other than the protocol says. */
    void run(boolean discoverFirst) throws IOException, InterruptedException {
        if (discoverFirst) {
            HttpResponse<byte[]> discover = send(post(DISCOVER, Optional.empty(), Optional.empty())
                    .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", "server/discover").build());
            expect(discover, 400, 499, "server/discover");
        }
        HttpResponse<byte[]> initialize = send(post(INITIALIZE, Optional.empty(), Optional.empty()).build());
        expect(initialize, 200, 200, "initialize");
        Optional<String> session = initialize.headers().firstValue("Mcp-Session-Id");
        Optional<String> version = Optional.of(negotiatedVersion(initialize.body()));
        expect(send(post(INITIALIZED, session, version).build()), 200, 299, "notifications/initialized");
        expect(send(post(TOOLS_LIST, session, version).build()), 200, 200, "tools/list");
        expect(send(post(toolCall, session, version).build()), 200, 200, "tools/call");
        if (session.isPresent()) {
            HttpRequest.Builder delete = HttpRequest.newBuilder(url).timeout(TIMEOUT).DELETE()
                    .header("Mcp-Session-Id", session.get()).header("MCP-Protocol-Version", version.get());
            expect(send(delete.build()), 200, 299, "DELETE");
        }
    }

    private HttpRequest.Builder post(String body, Optional<String> session, Optional<String> version) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Accept", ACCEPT);
        session.ifPresent(id -> request.header("Mcp-Session-Id", id));
        version.ifPresent(v -> request.header("MCP-Protocol-Version", v));
        return request;
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void expect(HttpResponse<byte[]> response, int from, int to, String step) {
        if (response.statusCode() < from || response.statusCode() > to) {
            throw new IllegalStateException("raw " + step + " answered " + response.statusCode());
        }
    }

    /** The initialize result's protocolVersion, found by text: the baseline parses no more than it must. */
    static String negotiatedVersion(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String key = "\"protocolVersion\":\"";
        int start = text.indexOf(key);
        if (start < 0) {
            throw new IllegalStateException("the initialize answer names no protocolVersion");
        }
        start += key.length();
        return text.substring(start, text.indexOf('"', start));
    }
}
