package dev.mcpulse.bench.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpulse.api.ApiDispatcher;
import dev.mcpulse.api.ApiRequest;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * B4's and B7's API process: the api function's dispatcher and routes, FleetQuery and the DynamoDB adapters — wired
 * by Micronaut from the same beans the api function and the local runner use — behind the JDK's own HTTP server (the
 * function has no HTTP server; on Lambda, API Gateway is one), reading an external DynamoDB (DynamoDB Local in a
 * process of its own) through the production client ({@code DynamoDbClients}). Started without the local runner's
 * jar on its classpath, so nothing of the runner's own wiring is in it. Prints {@code API READY} once it listens and
 * runs until its standard input closes or it is killed.
 *
 * <pre>{@code java -cp … dev.mcpulse.bench.api.ApiServerMain <port> <dynamodb endpoint> <table>}</pre>
 */
public final class ApiServerMain {

    public static final String READY = "API READY";

    private ApiServerMain() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        Map<String, Object> properties = Map.of(
                "mcpulse.local.mode", "true",
                "mcpulse.probe.interval.seconds", "300",
                "mcpulse.storage.dynamodb.endpoint", args[1],
                "mcpulse.storage.dynamodb.table-name", args[2],
                "mcpulse.secrets.source", "local");
        try (ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .start()) {
            ApiDispatcher dispatcher = context.getBean(ApiDispatcher.class);
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
            server.createContext("/", exchange -> answer(dispatcher, exchange));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Nothing is written to us; we only wait for the end of the stream.
            }
            server.stop(0);
        }
        System.exit(0);
    }

    private static void answer(ApiDispatcher dispatcher, HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ApiDispatcher.Response response = dispatcher.handle(ApiRequest.fromServer(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] out = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }
}
