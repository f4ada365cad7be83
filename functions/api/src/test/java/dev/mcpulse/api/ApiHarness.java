package dev.mcpulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The api function as Lambda runs it: the real {@link ApiFunction} over an application context
 * built for the test (the DynamoDB adapters on DynamoDB Local, local secrets, the real MCP prober — tests point
 * endpoints at real MCP servers on 127.0.0.1), fed real API Gateway HTTP API (payload 2.0) events from
 * {@code src/test/resources/events/}. Each request starts from a fixture and changes only what the test is about.
 */
final class ApiHarness implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-admin-token-5b1f0c9e7a3d";
    /** The local secrets file holding the canary secret (outside the repository, like a user's). */
    static final java.nio.file.Path SECRETS_FILE = writeSecretsFile();

    private static java.nio.file.Path writeSecretsFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("mcpulse-api-test-secrets", ".yaml");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file,
                    TestSecrets.CANARY_SECRET_ID + ": " + TestSecrets.CANARY + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final ApplicationContext context;
    private final EmbeddedDynamoDb dynamoDb;
    private final ApiFunction function;
    private final JsonMapper json;

    private ApiHarness(Map<String, Object> properties, EmbeddedDynamoDb dynamoDb, Object... beans) {
        this.dynamoDb = dynamoDb;
        Object[] singletons = new Object[beans.length + 1];
        singletons[0] = dynamoDb.client();
        System.arraycopy(beans, 0, singletons, 1, beans.length);
        this.context = ApplicationContext.builder()
                .properties(properties)
                .singletons(singletons)
                .deduceEnvironment(false)
                .start();
        this.function = new ApiFunction(context);
        this.json = context.getBean(JsonMapper.class);
    }

    /** Local mode (http and loopback URLs allowed) with the admin token set, as the local runner runs it. */
    static ApiHarness start() {
        return start(Map.of());
    }

    /** With extra beans, e.g. a Clock the test moves, replacing the system clock. */
    static ApiHarness start(Map<String, Object> overrides, Object... beans) {
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory();
        Map<String, Object> properties = new HashMap<>();
        properties.put("mcpulse.local.mode", "true");
        properties.put("mcpulse.admin.token", ADMIN_TOKEN);
        properties.put("mcpulse.storage.dynamodb.table-name", dynamoDb.tableName());
        properties.put("mcpulse.secrets.source", "local");
        properties.put("mcpulse.secrets.file", SECRETS_FILE.toString());
        properties.putAll(overrides);
        properties.values().removeIf(v -> v == null || "".equals(v));
        try {
            return new ApiHarness(properties, dynamoDb, beans);
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
    }

    ApiFunction function() {
        return function;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Empties the table: entries, snapshots, history and the markers a delete leaves (which would refuse the next
     * test's seeded snapshots, checked "2 h ago"). A purge no deployment does, so it goes around the ports.
     */
    void clearFleet() {
        DynamoDbClient client = dynamoDb.client();
        client.scanPaginator(b -> b.tableName(dynamoDb.tableName()).projectionExpression("pk, sk")).items()
                .forEach(key -> client.deleteItem(b -> b.tableName(dynamoDb.tableName()).key(key)));
    }

    /** Puts an endpoint into the registry directly, validated as every entry is. */
    Endpoint register(Map<String, Object> entry) {
        Endpoint endpoint = parsed(entry);
        bean(EndpointRegistry.class).put(endpoint);
        return endpoint;
    }

    /** Puts many endpoints into the registry in batches, validated as every entry is. */
    void registerAll(List<Map<String, Object>> entries) {
        bean(EndpointRegistry.class).putAll(entries.stream().map(ApiHarness::parsed).toList());
    }

    private static Endpoint parsed(Map<String, Object> entry) {
        return switch (new EndpointParser(UrlPolicy.local()).parse(entry)) {
            case EndpointParser.Result.Valid valid -> valid.endpoint();
            case EndpointParser.Result.Invalid invalid -> throw new IllegalArgumentException(invalid.errors().toString());
        };
    }

    /** Every item stored in the table, each attribute's value as the SDK prints it: what must hold no secret. */
    List<Map<String, String>> tableItems() {
        return bean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class)
                .scanPaginator(scan -> scan.tableName(dynamoDb.tableName())).items().stream()
                .map(item -> item.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString())))
                .toList();
    }

    /** The registry as comparable text, to prove a rejected request changed nothing. */
    List<Endpoint> registryContents() {
        return bean(EndpointRegistry.class).list();
    }

    Request request(String fixture) {
        return new Request(EventLoader.loadApiGatewayHttpEvent("events/" + fixture));
    }

    Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("response body is not a JSON object: " + body, e);
        }
    }

    @Override
    public void close() {
        context.close();
        dynamoDb.close();
    }

    /** One API Gateway event, changed fluently, then sent through the function. */
    final class Request {
        private final APIGatewayV2HTTPEvent event;

        Request(APIGatewayV2HTTPEvent event) {
            this.event = event;
            if (event.getHeaders() == null) {
                event.setHeaders(new LinkedHashMap<>());
            } else {
                event.setHeaders(new LinkedHashMap<>(event.getHeaders()));
            }
        }

        Request method(String method) {
            event.getRequestContext().getHttp().setMethod(method);
            return this;
        }

        /** The path exactly as the client sent it (percent-encoding kept), as API Gateway passes it on. */
        Request path(String rawPath) {
            event.setRawPath(rawPath);
            event.getRequestContext().getHttp().setPath(rawPath);
            return this;
        }

        /**
         * Query parameters as API Gateway (payload 2.0) delivers them: repeated names joined with commas in
         * queryStringParameters, the original in rawQueryString.
         */
        Request query(String... nameValuePairs) {
            Map<String, String> joined = new LinkedHashMap<>();
            StringBuilder raw = new StringBuilder();
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                joined.merge(nameValuePairs[i], nameValuePairs[i + 1], (a, b) -> a + "," + b);
                raw.append(raw.isEmpty() ? "" : "&").append(encode(nameValuePairs[i])).append('=')
                        .append(encode(nameValuePairs[i + 1]));
            }
            event.setQueryStringParameters(joined);
            event.setRawQueryString(raw.toString());
            return this;
        }

        /** API Gateway's request id; null for a request that did not come through it. */
        Request gatewayRequestId(String id) {
            event.getRequestContext().setRequestId(id);
            return this;
        }

        Request header(String name, String value) {
            if (value == null) {
                event.getHeaders().remove(name.toLowerCase(java.util.Locale.ROOT));
            } else {
                event.getHeaders().put(name.toLowerCase(java.util.Locale.ROOT), value);
            }
            return this;
        }

        Request bearer(String token) {
            return header("authorization", "Bearer " + token);
        }

        /**
         * The claims API Gateway's JWT authorizer found in the token, as it puts them in
         * {@code requestContext.authorizer.jwt}: every value a string (a list becomes {@code [a b]}), the scopes split
         * out of {@code scope}.
         */
        Request gatewayClaims(Map<String, Object> claims) {
            Map<String, String> strings = new LinkedHashMap<>();
            claims.forEach((name, value) -> strings.put(name, value instanceof java.util.Collection<?> list
                    ? list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"))
                    : value instanceof java.util.Date date ? String.valueOf(date.getTime() / 1000) : String.valueOf(value)));
            var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(strings,
                    claims.get("scope") instanceof String scope ? List.of(scope.split(" ")) : null);
            var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            event.getRequestContext().setAuthorizer(authorizer);
            return this;
        }

        Request admin() {
            return header("authorization", "Bearer " + ADMIN_TOKEN);
        }

        Request noAuth() {
            return header("authorization", null);
        }

        Request body(String body) {
            event.setBody(body);
            event.setIsBase64Encoded(false);
            return this;
        }

        /** A body API Gateway passes base64-encoded (as it does for binary media types). */
        Request base64Body(String base64) {
            event.setBody(base64);
            event.setIsBase64Encoded(true);
            return this;
        }

        Request contentType(String type) {
            return header("content-type", type);
        }

        Response send() {
            APIGatewayV2HTTPResponse response = function.handleRequest(event, null);
            return new Response(response.getStatusCode(), lowerCaseKeys(response.getHeaders()), response.getBody());
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        return headers == null ? Map.of() : headers.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT), Map.Entry::getValue,
                        (a, b) -> a + "," + b));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String repeat(String unit, int times) {
        return Arrays.stream(new String[times]).map(x -> unit).collect(Collectors.joining());
    }
}
