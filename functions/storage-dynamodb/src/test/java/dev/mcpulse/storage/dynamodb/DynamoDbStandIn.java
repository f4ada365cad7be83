package dev.mcpulse.storage.dynamodb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback HTTP server speaking DynamoDB's JSON protocol, for the faults DynamoDB Local cannot produce
 * (throttling, 5xx, unprocessed batch items). The real SDK client talks to it; each request is answered by a
 * script from the operation name and the request's ordinal number, with request id {@code STANDIN-<ordinal>}.
 */
final class DynamoDbStandIn implements AutoCloseable {

    record Request(String operation, String body) {
    }

    record Reply(int status, String body) {
        static Reply ok(String body) {
            return new Reply(200, body);
        }

        static Reply error(int status, String type) {
            return new Reply(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type
                    + "\",\"message\":\"stand-in says " + type + "\"}");
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    DynamoDbStandIn(Function<Request, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, script));
        server.start();
    }

    private void answer(HttpExchange exchange, Function<Request, Reply> script) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        Request request = new Request(operation, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Reply reply = script.apply(request);
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "STANDIN-" + requests.size()); // as DynamoDB sends one
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return requests;
    }

    long count(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
