package dev.mcpulse.scheduler;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the Lambda Invoke API (POST /2015-03-31/functions/{name}/invocations), so the real
 * {@code LambdaClient} can be exercised without AWS. It records what arrives and answers as Lambda does:
 * 202 for an Event invocation, or a chosen error status.
 */
final class LambdaInvokeStandIn implements AutoCloseable {

    record Invocation(String path, String invocationType, String contentType, String body) {
    }

    private final HttpServer server;
    final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();

    LambdaInvokeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            invocations.add(new Invocation(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8)));
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                byte[] error = "{\"message\":\"Rate exceeded\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-Amzn-ErrorType", "TooManyRequestsException");
                exchange.sendResponseHeaders(429, error.length);
                exchange.getResponseBody().write(error);
            } else {
                exchange.sendResponseHeaders(202, -1);
            }
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
