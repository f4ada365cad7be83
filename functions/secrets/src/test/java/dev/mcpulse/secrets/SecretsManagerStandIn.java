package dev.mcpulse.secrets;

import static dev.mcpulse.secrets.AwsJsonReplies.quote;
import static dev.mcpulse.secrets.AwsJsonReplies.reply;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A loopback HTTP server speaking the Secrets Manager JSON protocol (application/x-amz-json-1.1, X-Amz-Target
 * secretsmanager.DescribeSecret / GetSecretValue / BatchGetSecretValue), enough for the real SDK client: secrets
 * with versions (rotation makes a new AWSCURRENT version), named by name, ARN or partial ARN; binary secrets; faults
 * by secret id; and a whole operation refused. A batch read answers as Secrets Manager does: a secret it cannot read
 * (not found, access denied, cannot be decrypted, invalid state or parameter) is an entry of {@code Errors}
 * ({@code SecretId}, {@code ErrorCode}, {@code Message}) beside the others' {@code SecretValues}; a fault of the
 * service itself (throttling, 5xx, the caller's own credentials) fails the whole call. Public, in this module's test
 * jar, for the probe function's fault tests.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    /** One call: its operation and the secret ids it named. */
    record Request(String operation, List<String> secretIds) {
    }

    private record Secret(String versionId, String text, boolean binary) {
    }

    private record Fault(int status, String type) {
        /** An error BatchGetSecretValue reports per secret; any other fails the whole call. */
        boolean perSecret() {
            return status == 400 && SECRET_ERRORS.contains(type);
        }
    }

    private static final Set<String> SECRET_ERRORS = Set.of("ResourceNotFoundException", "AccessDeniedException",
            "DecryptionFailure", "InvalidRequestException", "InvalidParameterException");
    private static final int BATCH_LIMIT = 20;

    private final HttpServer server;
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Fault> refusedOperations = new ConcurrentHashMap<>();
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

    /** Every call of this operation answers with this error, e.g. BatchGetSecretValue 400 AccessDeniedException. */
    public void refuse(String operation, int status, String type) {
        refusedOperations.put(operation, new Fault(status, type));
    }

    /** Calls of this operation that named this secret. */
    public long count(String operation, String secretId) {
        return requests.stream().filter(r -> r.operation().equals(operation) && r.secretIds().contains(secretId)).count();
    }

    /** Calls of this operation, whatever they named. */
    public long calls(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).count();
    }

    /** Calls of every operation. */
    public long calls() {
        return requests.size();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String operation = target.substring(target.indexOf('.') + 1);
        Map<String, JsonNode> body = JsonNode.parser().parse(exchange.getRequestBody()).asObject();
        List<String> ids = body.containsKey("SecretIdList")
                ? body.get("SecretIdList").asArray().stream().map(JsonNode::asString).toList()
                : body.containsKey("SecretId") ? List.of(body.get("SecretId").asString()) : List.of();
        requests.add(new Request(operation, ids));

        Fault refused = refusedOperations.get(operation);
        if (!target.startsWith("secretsmanager.")) {
            reply(exchange, 400, error("UnknownOperationException"));
        } else if (refused != null) {
            reply(exchange, refused.status(), error(refused.type()));
        } else if (operation.equals("BatchGetSecretValue")) {
            batch(exchange, ids);
        } else if (ids.size() != 1) {
            reply(exchange, 400, error("InvalidParameterException"));
        } else {
            single(exchange, operation, ids.getFirst());
        }
    }

    private void single(HttpExchange exchange, String operation, String id) throws IOException {
        String name = nameOf(id);
        Fault fault = faults.get(name);
        Secret secret = secrets.get(name);
        if (fault != null) {
            reply(exchange, fault.status(), error(fault.type()));
        } else if (secret == null) {
            reply(exchange, 400, error("ResourceNotFoundException"));
        } else if (operation.equals("DescribeSecret")) {
            reply(exchange, 200, "{\"ARN\":\"" + arn(name) + "\",\"Name\":\"" + name + "\",\"VersionIdsToStages\":{\""
                    + secret.versionId() + "\":[\"AWSCURRENT\"]}}");
        } else if (operation.equals("GetSecretValue")) {
            reply(exchange, 200, entry(name, secret));
        } else {
            reply(exchange, 400, error("UnknownOperationException"));
        }
    }

    private void batch(HttpExchange exchange, List<String> ids) throws IOException {
        if (ids.isEmpty() || ids.size() > BATCH_LIMIT) {
            reply(exchange, 400, error("InvalidParameterException"));
            return;
        }
        for (String id : ids) {
            Fault fault = faults.get(nameOf(id));
            if (fault != null && !fault.perSecret()) {
                reply(exchange, fault.status(), error(fault.type()));
                return;
            }
        }
        List<String> values = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String id : ids) {
            String name = nameOf(id);
            Fault fault = faults.get(name);
            Secret secret = secrets.get(name);
            if (fault != null || secret == null) {
                String code = fault != null ? fault.type() : "ResourceNotFoundException";
                errors.add("{\"SecretId\":" + quote(id) + ",\"ErrorCode\":\"" + code + "\",\"Message\":\"stand-in answers "
                        + code + "\"}");
            } else {
                values.add(entry(name, secret));
            }
        }
        reply(exchange, 200, "{\"SecretValues\":[" + String.join(",", values) + "],\"Errors\":["
                + String.join(",", errors) + "]}");
    }

    /** The secret's name for an id that is its name, its ARN or its partial ARN (the id itself if none matches). */
    private String nameOf(String id) {
        return Stream.concat(secrets.keySet().stream(), faults.keySet().stream())
                .filter(name -> id.equals(name) || id.equals(arn(name)) || arn(name).equals(id + "-AbCdEf"))
                .findFirst().orElse(id);
    }

    private static String entry(String name, Secret secret) {
        String value = secret.binary() ? "\"SecretBinary\":\"AAEC\"" : "\"SecretString\":" + quote(secret.text());
        return "{\"ARN\":\"" + arn(name) + "\",\"Name\":\"" + name + "\",\"VersionId\":\"" + secret.versionId() + "\","
                + value + ",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7639E9}";
    }

    private static String arn(String id) {
        return "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + id + "-AbCdEf";
    }

    private static String error(String type) {
        return "{\"__type\":\"" + type + "\",\"Message\":\"stand-in answers " + type + "\"}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
