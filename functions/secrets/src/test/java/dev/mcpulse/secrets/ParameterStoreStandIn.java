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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A loopback HTTP server speaking the Systems Manager JSON protocol (application/x-amz-json-1.1, X-Amz-Target
 * AmazonSSM.GetParameter / GetParameters), enough for the real SDK client: SecureString parameters named by name or
 * ARN, faults by name, and a whole operation refused. As Parameter Store does, {@code GetParameters} lists a name it
 * does not hold under {@code InvalidParameters}, refuses more than 10 names, and fails as a whole when any one name is
 * refused (IAM evaluates each parameter of the call), and a value comes back decrypted only when asked with
 * {@code WithDecryption}. Public, in this module's test jar, for the probe function's tests.
 */
public final class ParameterStoreStandIn implements AutoCloseable {

    /** One call: its operation, the names it asked for, and whether it asked for decryption. */
    record Request(String operation, List<String> names, boolean withDecryption) {
    }

    private record Fault(int status, String type) {
    }

    private static final int BATCH_LIMIT = 10;

    private final HttpServer server;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Fault> refusedOperations = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public ParameterStoreStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Creates or overwrites a SecureString parameter. */
    public void put(String name, String value) {
        parameters.put(name, value);
    }

    /** Every request naming this parameter answers with this error, e.g. 400 AccessDeniedException. */
    public void fail(String name, int status, String type) {
        faults.put(name, new Fault(status, type));
    }

    /** Every call of this operation answers with this error, e.g. GetParameters 400 ThrottlingException. */
    public void refuse(String operation, int status, String type) {
        refusedOperations.put(operation, new Fault(status, type));
    }

    /** Calls of this operation. */
    public long calls(String operation) {
        return requests.stream().filter(r -> r.operation().equals(operation)).count();
    }

    /** Calls of this operation that named this parameter. */
    public long count(String operation, String name) {
        return requests.stream().filter(r -> r.operation().equals(operation) && r.names().contains(name)).count();
    }

    /** Whether every call asked for the values decrypted. */
    public boolean everyCallDecrypted() {
        return requests.stream().allMatch(Request::withDecryption);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String operation = target.substring(target.indexOf('.') + 1);
        Map<String, JsonNode> body = JsonNode.parser().parse(exchange.getRequestBody()).asObject();
        List<String> names = body.containsKey("Names")
                ? body.get("Names").asArray().stream().map(JsonNode::asString).toList()
                : body.containsKey("Name") ? List.of(body.get("Name").asString()) : List.of();
        boolean decrypt = body.containsKey("WithDecryption") && body.get("WithDecryption").asBoolean();
        requests.add(new Request(operation, names, decrypt));

        Fault refused = refusedOperations.get(operation);
        if (!target.startsWith("AmazonSSM.")) {
            reply(exchange, 400, error("UnknownOperationException"));
        } else if (refused != null) {
            reply(exchange, refused.status(), error(refused.type()));
        } else if (operation.equals("GetParameters")) {
            batch(exchange, names, decrypt);
        } else if (operation.equals("GetParameter") && names.size() == 1) {
            single(exchange, names.getFirst(), decrypt);
        } else {
            reply(exchange, 400, error("ValidationException"));
        }
    }

    private void single(HttpExchange exchange, String asked, boolean decrypt) throws IOException {
        String name = nameOf(asked);
        Fault fault = faults.get(name);
        if (fault != null) {
            reply(exchange, fault.status(), error(fault.type()));
        } else if (!parameters.containsKey(name)) {
            reply(exchange, 400, error("ParameterNotFound"));
        } else {
            reply(exchange, 200, "{\"Parameter\":" + parameter(name, decrypt) + "}");
        }
    }

    private void batch(HttpExchange exchange, List<String> names, boolean decrypt) throws IOException {
        if (names.isEmpty() || names.size() > BATCH_LIMIT) {
            reply(exchange, 400, error("ValidationException"));
            return;
        }
        for (String asked : names) {
            Fault fault = faults.get(nameOf(asked));
            if (fault != null) {
                reply(exchange, fault.status(), error(fault.type()));
                return;
            }
        }
        List<String> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String asked : names) {
            String name = nameOf(asked);
            if (parameters.containsKey(name)) {
                found.add(parameter(name, decrypt));
            } else {
                invalid.add(quote(asked));
            }
        }
        reply(exchange, 200, "{\"Parameters\":[" + String.join(",", found) + "],\"InvalidParameters\":["
                + String.join(",", invalid) + "]}");
    }

    /** A parameter's name for a name or an ARN. */
    private static String nameOf(String asked) {
        int at = asked.indexOf(":parameter");
        return asked.startsWith("arn:") && at >= 0 ? asked.substring(at + ":parameter".length()) : asked;
    }

    private String parameter(String name, boolean decrypt) {
        String value = decrypt ? parameters.get(name) : "AQICAHencrypted";
        return "{\"Name\":" + quote(name) + ",\"Type\":\"SecureString\",\"Value\":" + quote(value)
                + ",\"Version\":1,\"ARN\":" + quote(arn(name)) + ",\"DataType\":\"text\",\"LastModifiedDate\":1.7639E9}";
    }

    /** A parameter's ARN: a hierarchical name keeps its leading slash after {@code parameter}. */
    static String arn(String name) {
        return "arn:aws:ssm:us-east-1:123456789012:parameter" + (name.startsWith("/") ? "" : "/") + name;
    }

    private static String error(String type) {
        return "{\"__type\":\"" + type + "\",\"message\":\"stand-in answers " + type + "\"}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
