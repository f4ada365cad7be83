package dev.mcpulse.bench.cold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback stand-ins for the AWS APIs the scheduler and probe functions call besides DynamoDB, answering as AWS does so
 * that the functions' real SDK clients do their real work: SQS's SendMessageBatch (AWS JSON 1.0, {@code X-Amz-Target:
 * AmazonSQS.SendMessageBatch}, each entry accepted with the MD5 of its body, which the SDK checks) and EventBridge's
 * PutEvents (AWS JSON 1.1, {@code X-Amz-Target: AWSEvents.PutEvents}). It counts what arrives (shards sent, events
 * put), so each run can be checked to have dispatched and published.
 */
final class AwsStandIn implements AutoCloseable {

    private static final byte[] PUT_EVENTS_ANSWER =
            "{\"Entries\":[{\"EventId\":\"bench-1\"}],\"FailedEntryCount\":0}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private static final ObjectMapper JSON = new ObjectMapper();

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
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if ("AmazonSQS.SendMessageBatch".equals(target)) {
                ArrayNode successful = JSON.createArrayNode();
                for (JsonNode entry : JSON.readTree(body).path("Entries")) {
                    invocations.incrementAndGet();
                    successful.addObject().put("Id", entry.path("Id").asText())
                            .put("MessageId", UUID.randomUUID().toString())
                            .put("MD5OfMessageBody", md5(entry.path("MessageBody").asText()));
                }
                ObjectNode answer = JSON.createObjectNode();
                answer.set("Successful", successful);
                answer.putArray("Failed");
                byte[] bytes = JSON.writeValueAsBytes(answer);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } else if ("AWSEvents.PutEvents".equals(target)) {
                putEvents.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, PUT_EVENTS_ANSWER.length);
                exchange.getResponseBody().write(PUT_EVENTS_ANSWER);
            } else {
                exchange.sendResponseHeaders(400, -1);
            }
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
