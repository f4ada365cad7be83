package dev.mcpulse.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for EventBridge's PutEvents (AWS JSON 1.1: POST / with X-Amz-Target AWSEvents.PutEvents),
 * so the real {@code EventBridgeClient} can be exercised without AWS. Records each request body.
 */
public final class EventBridgeStandIn implements AutoCloseable {

    private final HttpServer server;
    public final List<String> putEventsBodies = new CopyOnWriteArrayList<>();

    public EventBridgeStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer;
            if ("AWSEvents.PutEvents".equals(target)) {
                putEventsBodies.add(new String(body, StandardCharsets.UTF_8));
                answer = "{\"Entries\":[{\"EventId\":\"e-1\"}],\"FailedEntryCount\":0}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, answer.length);
            } else {
                answer = "{\"__type\":\"UnknownOperationException\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, answer.length);
            }
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
