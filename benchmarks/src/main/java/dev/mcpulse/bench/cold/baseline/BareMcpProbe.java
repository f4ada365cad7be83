package dev.mcpulse.bench.cold.baseline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bare HTTP exchanges mcpulse's probe makes to a legacy streamable-HTTP server on its first probe, with the
 * JDK's client and no MCP library: {@code server/discover} (a 4xx means legacy), {@code initialize},
 * {@code notifications/initialized}, {@code tools/list}, and the DELETE that ends the session. Parsing is only
 * what the answer needs: the status, the session id, the protocol version, the server name, the number of tools.
 */
final class BareMcpProbe {

    private static final String MODERN = "2026-07-28";
    private static final String LEGACY = "2025-11-25";
    private static final String CLIENT_INFO = "{\"name\":\"mcpulse-probe\",\"version\":\"0.1.0\"}";
    private static final Pattern VERSION = Pattern.compile("\"protocolVersion\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SERVER_NAME = Pattern.compile("\"serverInfo\"\\s*:\\s*\\{[^}]*?\"name\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOOL = Pattern.compile("\"inputSchema\"\\s*:");

    record Result(boolean connected, int lastStatus, String protocolVersion, String serverName, int tools, long totalMs) {
    }

    private final HttpClient http;

    BareMcpProbe(HttpClient http) {
        this.http = http;
    }

    Result probe(URI url, Optional<String> bearer, Duration timeout) throws IOException, InterruptedException {
        long started = System.nanoTime();
        String discover = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\",\"io.modelcontextprotocol/clientInfo\":"
                + CLIENT_INFO + ",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        HttpResponse<String> discovered = http.send(post(url, bearer, timeout, discover)
                .header("MCP-Protocol-Version", MODERN).header("Mcp-Method", "server/discover").build(),
                HttpResponse.BodyHandlers.ofString());
        if (discovered.statusCode() < 400 || discovered.statusCode() >= 500) {
            return new Result(false, discovered.statusCode(), null, null, 0, elapsed(started));
        }
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + LEGACY + "\",\"capabilities\":{},\"clientInfo\":" + CLIENT_INFO + "}}";
        HttpResponse<String> initialized = http.send(post(url, bearer, timeout, initialize).build(),
                HttpResponse.BodyHandlers.ofString());
        Optional<String> session = initialized.headers().firstValue("Mcp-Session-Id");
        String version = first(VERSION, initialized.body());
        if (initialized.statusCode() != 200 || version == null) {
            return new Result(false, initialized.statusCode(), null, null, 0, elapsed(started));
        }
        String serverName = first(SERVER_NAME, initialized.body());
        HttpResponse<String> notified = http.send(inSession(post(url, bearer, timeout,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), session, version).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> listed = http.send(inSession(post(url, bearer, timeout,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{}}"), session, version).build(),
                HttpResponse.BodyHandlers.ofString());
        int tools = (int) TOOL.matcher(listed.body()).results().count();
        if (session.isPresent()) {
            http.send(inSession(request(url, bearer, timeout).DELETE(), session, version).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        boolean connected = notified.statusCode() / 100 == 2 && listed.statusCode() == 200 && tools > 0;
        return new Result(connected, listed.statusCode(), version, serverName, tools, elapsed(started));
    }

    private static HttpRequest.Builder post(URI url, Optional<String> bearer, Duration timeout, String body) {
        return request(url, bearer, timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder request(URI url, Optional<String> bearer, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout);
        bearer.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    private static HttpRequest.Builder inSession(HttpRequest.Builder builder, Optional<String> session, String version) {
        session.ifPresent(id -> builder.header("Mcp-Session-Id", id));
        return builder.header("MCP-Protocol-Version", version);
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
