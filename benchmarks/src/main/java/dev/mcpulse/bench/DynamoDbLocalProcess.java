package dev.mcpulse.bench;

import dev.mcpulse.dynamodblocal.TableSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as a server in a process of its own (in memory, on a loopback port), with mcpulse's table created:
 * what is measured talks to it over HTTP as a function talks to DynamoDB, and its CPU is not counted as mcpulse's.
 * DynamoDB Local listens on every interface (it has no host option); the port is random and the process ends with
 * the run.
 */
public final class DynamoDbLocalProcess implements AutoCloseable {

    public static final String TABLE = "mcpulse-bench";

    private final JavaProcess process;
    private final URI endpoint;

    private DynamoDbLocalProcess(JavaProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static DynamoDbLocalProcess start(Path logDirectory, String name) throws IOException, InterruptedException {
        int port = freePort();
        JavaProcess process = JavaProcess.start(name, List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED"),
                DynamoDbLocalServerMain.class.getName(), List.of(Integer.toString(port)),
                logDirectory.resolve(name + ".log"));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        DynamoDbLocalProcess local = new DynamoDbLocalProcess(process, endpoint);
        try {
            process.awaitLine(DynamoDbLocalServerMain.READY::equals, Duration.ofSeconds(60));
            try (DynamoDbClient client = local.client()) {
                TableSetup.createIfMissing(client, TABLE);
            }
            return local;
        } catch (RuntimeException | InterruptedException e) {
            local.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for the functions' DynamoDB client. */
    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** A client of the benchmark's own (close it), with the dummy credentials DynamoDB Local accepts. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
