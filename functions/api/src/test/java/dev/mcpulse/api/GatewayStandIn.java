package dev.mcpulse.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for API Gateway's HTTP API in front of the api function: each HTTP request becomes a payload
 * 2.0 event (lower-case headers, repeated query values joined by commas, non-text bodies base64-encoded, a request
 * id) handed to the real function, and its response is written back. Lets a real browser load the dashboard.
 */
final class GatewayStandIn implements AutoCloseable {

    private final HttpServer server;
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;

    GatewayStandIn(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) throws IOException {
        this.function = function;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            APIGatewayV2HTTPResponse response = function.handleRequest(event(exchange), null);
            byte[] body = response.getBody() == null ? new byte[0]
                    : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                    : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> {
                    if (!name.equalsIgnoreCase("content-length")) {
                        exchange.getResponseHeaders().add(name, value);
                    }
                });
            }
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String type = headers.getOrDefault("content-type", "");
        boolean text = type.startsWith("text/") || type.contains("json");
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(exchange.getRequestMethod())
                .withPath(uri.getRawPath())
                .withProtocol("HTTP/1.1")
                .withSourceIp("127.0.0.1")
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http)
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey("$default")
                .withStage("$default")
                .withTimeEpoch(System.currentTimeMillis())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withQueryStringParameters(query(uri.getRawQuery()))
                .withHeaders(headers)
                .withRequestContext(context)
                .withBody(bytes.length == 0 ? null
                        : text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes))
                .withIsBase64Encoded(bytes.length > 0 && !text)
                .build();
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Map<String, String> joined = new LinkedHashMap<>();
        for (String pair : List.of(raw.split("&"))) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            joined.merge(name, value, (a, b) -> a + "," + b);
        }
        return joined;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
