package dev.mcpulse.bench.dispatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for Lambda's Invoke API ({@code POST /2015-03-31/functions/<name>/invocations}): 202 for an
 * {@code Event} invocation, as Lambda answers once it has queued the event. It counts what arrives, so each run can be
 * checked to have handed every shard over. The same stand-in the scheduler's tests used for the async-invoke path.
 */
final class LambdaInvokeStandIn implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger invocations = new AtomicInteger();

    LambdaInvokeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int invocations() {
        return invocations.get();
    }

    void reset() {
        invocations.set(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/2015-03-31/functions/") && path.endsWith("/invocations")
                    && "Event".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
                invocations.incrementAndGet();
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(400, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
