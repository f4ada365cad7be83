package dev.mcpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw MCP over HTTP for proving the fixtures (not the probe): JSON-RPC bodies sent with java.net.http, answers
 * read whether they come as application/json or as an SSE stream.
 */
final class RawMcp {

    static final String LEGACY_VERSION = "2025-06-18";
    static final String MODERN_VERSION = "2026-07-28";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RawMcp() {
    }

    static String initialize(int id) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"initialize","params":{"protocolVersion":"%s","capabilities":{},\
                "clientInfo":{"name":"fixture-test","version":"1.0.0"}}}""".formatted(id, LEGACY_VERSION);
    }

    static String request(int id, String method, String params) {
        return """
                {"jsonrpc":"2.0","id":%d,"method":"%s","params":%s}""".formatted(id, method, params);
    }

    /** The per-request envelope every 2026-07-28 request carries in params._meta. */
    static String modernMeta() {
        return """
                "_meta":{"io.modelcontextprotocol/protocolVersion":"%s","io.modelcontextprotocol/clientCapabilities":{},\
                "io.modelcontextprotocol/clientInfo":{"name":"fixture-test","version":"1.0.0"}}""".formatted(MODERN_VERSION);
    }

    static HttpResponse<String> post(URI url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The JSON-RPC message of a response: the body itself, or the first {@code data:} of an SSE stream. */
    static JsonNode message(HttpResponse<String> response) {
        String body = response.body();
        if (contentType(response).startsWith("text/event-stream")) {
            body = body.lines()
                    .filter(line -> line.startsWith("data:"))
                    .map(line -> line.substring("data:".length()).trim())
                    .filter(data -> !data.isEmpty())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no data in SSE body: " + response.body()));
        }
        return JSON.readTree(body);
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
