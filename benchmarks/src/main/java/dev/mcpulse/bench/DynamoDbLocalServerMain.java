package dev.mcpulse.bench;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;

/**
 * The process behind {@link DynamoDbLocalProcess}: DynamoDB Local's server on the given port, in memory, with one
 * shared database (without {@code -sharedDb} each access key and region sees tables of its own, so the functions'
 * clients, which sign as {@code local}, would not see the table the benchmark created). Prints
 * {@code DYNAMODB READY} once it listens and runs until its standard input closes (the benchmark ended) or it is
 * killed.
 */
public final class DynamoDbLocalServerMain {

    static final String READY = "DYNAMODB READY";

    private DynamoDbLocalServerMain() {
    }

    public static void main(String[] args) throws Exception {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-sharedDb", "-port", args[0], "-disableTelemetry"});
        server.start();
        System.out.println(READY);
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // Nothing is written to us; we only wait for the end of the stream.
            }
        } catch (IOException e) {
            // Closed.
        }
        server.stop();
        System.exit(0);
    }
}
