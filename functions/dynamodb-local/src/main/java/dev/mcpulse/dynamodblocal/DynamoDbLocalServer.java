package dev.mcpulse.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * DynamoDB Local as a server on 127.0.0.1, for tests that need to take the store away and bring it back: the data
 * lives in a directory, so a server started again on the same port and directory serves the same table.
 * {@code ServerRunner} would bind every interface (it has no host option), so the same handlers it builds are put
 * behind a connector of our own on loopback.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private final Server jetty;
    private final LocalDynamoDBServerHandler handler;
    private final int port;

    private DynamoDbLocalServer(Server jetty, LocalDynamoDBServerHandler handler, int port) {
        this.jetty = jetty;
        this.handler = handler;
        this.port = port;
    }

    /** Starts on {@code port} (0 picks a free one), keeping the data in {@code dataDir} (one database for every client). */
    public static DynamoDbLocalServer start(Path dataDir, int port) {
        LocalDynamoDBServerHandler handler = null;
        Server jetty = new Server();
        try {
            Files.createDirectories(dataDir);
            handler = new LocalDynamoDBServerHandler(
                    new LocalDynamoDBRequestHandler(0, false, dataDir.toAbsolutePath().toString(), true, false), null);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(port);
            jetty.addConnector(connector);
            jetty.setHandler(new ContextHandler(handler));
            // Stop at once, as a crashed store would: no graceful wait for the clients' keep-alive connections.
            jetty.setStopTimeout(0);
            jetty.start();
            return new DynamoDbLocalServer(jetty, handler, connector.getLocalPort());
        } catch (Exception e) {
            stopQuietly(jetty, handler);
            throw new IllegalStateException("DynamoDB Local could not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops serving: the port is closed and the database file released; the data stays in its directory. */
    @Override
    public void close() {
        stopQuietly(jetty, handler);
    }

    private static void stopQuietly(Server jetty, LocalDynamoDBServerHandler handler) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping is best effort; the handler below still releases the database.
        }
        if (handler != null) {
            handler.close();
        }
    }
}
