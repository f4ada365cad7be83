package dev.mcpulse.secrets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A loopback HTTP server speaking the Secrets Manager JSON protocol (application/x-amz-json-1.1, X-Amz-Target
 * secretsmanager.DescribeSecret / GetSecretValue), enough for the real SDK client and the AWS caching client:
 * secrets with versions (rotation makes a new AWSCURRENT version), binary secrets, and faults by secret id.
 * Public, in this module's test jar, for the probe function's fault tests.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    record Request(String operation, String secretId) {
    }

    private record Secret(String versionId, String text, boolean binary) {
    }

    private record Fault(int status, String type) {
    }

    private final HttpServer server;
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger versions = new AtomicInteger();

    public SecretsManagerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates the secret or rotates it: a new version becomes AWSCURRENT. */
    public void put(String id, String text) {
        secrets.put(id, new Secret("v" + versions.incrementAndGet(), text, false));
    }

    public void putBinary(String id) {
        secrets.put(id, new Secret("v" + versions.incrementAndGet(), null, true));
    }

    /** Every request for this secret answers with this error, e.g. 400 AccessDeniedException or 500 InternalServiceError. */
    public void fail(String id, int status, String type) {
        faults.put(id, new Fault(status, type));
    }

    public void heal(String id) {
        faults.remove(id);
    }

    public long count(String operation, String secretId) {
        return requests.stream().filter(r -> r.operation().equals(operation) && r.secretId().equals(secretId)).count();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String operation = target.substring(target.indexOf('.') + 1);
        Map<String, JsonNode> body = JsonNode.parser().parse(exchange.getRequestBody()).asObject();
        String id = body.get("SecretId").asString();
        requests.add(new Request(operation, id));

        Fault fault = faults.get(id);
        Secret secret = secrets.get(id);
        if (!target.startsWith("secretsmanager.")) {
            reply(exchange, 400, error("UnknownOperationException"));
        } else if (fault != null) {
            reply(exchange, fault.status(), error(fault.type()));
        } else if (secret == null) {
            reply(exchange, 400, error("ResourceNotFoundException"));
        } else if (operation.equals("DescribeSecret")) {
            reply(exchange, 200, "{\"ARN\":\"" + arn(id) + "\",\"Name\":\"" + id + "\",\"VersionIdsToStages\":{\""
                    + secret.versionId() + "\":[\"AWSCURRENT\"]}}");
        } else if (operation.equals("GetSecretValue")) {
            String value = secret.binary() ? "\"SecretBinary\":\"AAEC\"" : "\"SecretString\":" + quote(secret.text());
            reply(exchange, 200, "{\"ARN\":\"" + arn(id) + "\",\"Name\":\"" + id + "\",\"VersionId\":\""
                    + secret.versionId() + "\"," + value + ",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7639E9}");
        } else {
            reply(exchange, 400, error("UnknownOperationException"));
        }
    }

    private static String arn(String id) {
        return "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + id + "-AbCdEf";
    }

    private static String error(String type) {
        return "{\"__type\":\"" + type + "\",\"Message\":\"stand-in answers " + type + "\"}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
