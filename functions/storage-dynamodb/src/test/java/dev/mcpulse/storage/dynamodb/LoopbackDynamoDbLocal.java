package dev.mcpulse.storage.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An in-memory DynamoDB Local behind HTTP on 127.0.0.1, for tests that need the real SDK client's request pipeline
 * (the embedded client skips it, and with it every {@link ExecutionInterceptor}). The same handlers as
 * ServerRunner's, on a loopback connector of our own (ServerRunner binds every interface); the dynamodb-local
 * module's DynamoDbLocalServer does the same for a kept directory, but that module depends on this one.
 */
final class LoopbackDynamoDbLocal implements AutoCloseable {

    private final Server jetty = new Server();
    private final LocalDynamoDBServerHandler handler;
    private final URI endpoint;

    LoopbackDynamoDbLocal() throws Exception {
        handler = new LocalDynamoDBServerHandler(new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new ContextHandler(handler));
        jetty.setStopTimeout(0);
        jetty.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** A real SDK client (the production HTTP stack) that runs {@code interceptor} on every call. */
    DynamoDbClient client(ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        handler.close();
    }
}
