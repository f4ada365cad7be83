package dev.mcpulse.probe.priming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The smallest MCP server the probe can check end to end, for the priming probe: a legacy streamable-HTTP server on
 * 127.0.0.1 (the JDK's own HTTP server, nothing else), which answers the modern {@code server/discover} with the 400
 * of a legacy server, then {@code initialize}, {@code notifications/initialized}, {@code tools/list} (one tool),
 * {@code tools/call} and the session's DELETE — the exchanges of a first probe of a real legacy server. Every answer
 * says {@code Connection: close}, so the probe's client keeps no connection to it.
 */
final class LoopbackMcpStub implements AutoCloseable {

    static final String PATH = "/mcp";
    static final String TOOL = "ready";

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final String session = UUID.randomUUID().toString();

    private LoopbackMcpStub(HttpServer server) {
        this.server = server;
    }

    static LoopbackMcpStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LoopbackMcpStub stub = new LoopbackMcpStub(server);
        server.createContext(PATH, stub::handle);
        server.start();
        return stub;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] request = body.readAllBytes();
            exchange.getResponseHeaders().set("Connection", "close");
            if (exchange.getRequestMethod().equals("DELETE")) {
                send(exchange, 200, null);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, null);
                return;
            }
            JsonNode message = json.readTree(request);
            JsonNode id = message.path("id");
            switch (message.path("method").asText()) {
                case "initialize" -> {
                    exchange.getResponseHeaders().set("Mcp-Session-Id", session);
                    ObjectNode result = json.createObjectNode();
                    result.put("protocolVersion", message.path("params").path("protocolVersion").asText());
                    result.putObject("capabilities").putObject("tools");
                    result.putObject("serverInfo").put("name", "mcpulse-priming").put("version", "1");
                    send(exchange, 200, reply(id).set("result", result));
                }
                case "notifications/initialized" -> send(exchange, 202, null);
                case "tools/list" -> {
                    ObjectNode tool = json.createObjectNode().put("name", TOOL).put("description", "answers ok");
                    tool.putObject("inputSchema").put("type", "object");
                    ObjectNode result = json.createObjectNode();
                    result.putArray("tools").add(tool);
                    send(exchange, 200, reply(id).set("result", result));
                }
                case "tools/call" -> {
                    ObjectNode result = json.createObjectNode().put("isError", false);
                    result.putArray("content").addObject().put("type", "text").put("text", "ok");
                    send(exchange, 200, reply(id).set("result", result));
                }
                default -> {
                    // What a legacy server answers a modern request (server/discover): not -32022, so "legacy".
                    ObjectNode error = json.createObjectNode().put("code", -32000).put("message", "Server not initialized");
                    send(exchange, 400, reply(id).set("error", error));
                }
            }
        }
    }

    private ObjectNode reply(JsonNode id) {
        ObjectNode reply = json.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id.isMissingNode() ? json.nullNode() : id);
        return reply;
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops at once: no exchange is waited for. */
    @Override
    public void close() {
        server.stop(0);
    }
}
