package dev.mcpulse.bench.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.util.Map;

/**
 * B4's API process: the api function's controllers, FleetQuery and the DynamoDB adapters — wired by Micronaut
 * from the same beans the api function and the local runner use — served on Netty, reading an external DynamoDB
 * (DynamoDB Local in a process of its own) through the production client ({@code DynamoDbClients}). Started
 * without the local runner's jar on its classpath, so nothing of the runner's own wiring is in it. Prints
 * {@code API READY} once it listens and runs until its standard input closes or it is killed.
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
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", args[0],
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
            context.getBean(EmbeddedServer.class).start();
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Nothing is written to us; we only wait for the end of the stream.
            }
        }
        System.exit(0);
    }
}
