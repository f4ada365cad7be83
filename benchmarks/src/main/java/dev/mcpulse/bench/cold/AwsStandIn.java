package dev.mcpulse.bench.cold;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback stand-ins for the two AWS APIs without an emulator here, answering as AWS does so that the functions'
 * real SDK clients do their real work: Lambda's Invoke ({@code POST /2015-03-31/functions/<name>/invocations},
 * 202 for an {@code Event} invocation) and EventBridge's PutEvents (AWS JSON 1.1, {@code X-Amz-Target:
 * AWSEvents.PutEvents}). It counts what arrives, so each run can be checked to have dispatched and published.
 */
final class AwsStandIn implements AutoCloseable {

    private static final byte[] PUT_EVENTS_ANSWER =
            "{\"Entries\":[{\"EventId\":\"bench-1\"}],\"FailedEntryCount\":0}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger putEvents = new AtomicInteger();

    AwsStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
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

    int putEvents() {
        return putEvents.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/2015-03-31/functions/") && path.endsWith("/invocations")
                    && "Event".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
                invocations.incrementAndGet();
                exchange.sendResponseHeaders(202, -1);
            } else if ("AWSEvents.PutEvents".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                putEvents.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, PUT_EVENTS_ANSWER.length);
                exchange.getResponseBody().write(PUT_EVENTS_ANSWER);
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
