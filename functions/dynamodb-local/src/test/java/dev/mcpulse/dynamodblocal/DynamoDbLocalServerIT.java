package dev.mcpulse.dynamodblocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.port.InfrastructureFailure;
import dev.mcpulse.storage.dynamodb.DynamoDbClients;
import dev.mcpulse.storage.dynamodb.DynamoDbStorageConfiguration;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB Local as a loopback server, stopped and started again on the same port with its data kept. */
class DynamoDbLocalServerIT {

    @Test
    void aServerStoppedAndStartedAgainOnItsPortServesTheSameData(@TempDir Path dir) throws Exception {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("FLEET"), "sk", AttributeValue.fromS("ENDPOINT#a"));
        DynamoDbLocalServer server = DynamoDbLocalServer.start(dir, 0);
        int port = server.port();
        try (DynamoDbClient client = client(server)) {
            TableSetup.createIfMissing(client, "mcpulse");
            client.putItem(r -> r.tableName("mcpulse").item(item));

            server.close();
            assertThatThrownBy(() -> client.getItem(r -> r.tableName("mcpulse").key(item)))
                    .isInstanceOf(InfrastructureFailure.class).hasCauseInstanceOf(SdkClientException.class);

            server = DynamoDbLocalServer.start(dir, port);
            assertThat(client.getItem(r -> r.tableName("mcpulse").key(item)).item()).isEqualTo(item);
        } finally {
            server.close();
        }
    }

    @Test
    void itListensOnLoopbackOnly(@TempDir Path dir) throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(dir, 0)) {
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                assertThat(socket.isConnected()).isTrue();
            }
            // This machine's other addresses (if it has any) do not reach it.
            List<InetAddress> others = NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .toList();
            for (InetAddress other : others) {
                assertThatThrownBy(() -> new Socket(other, server.port()).close()).as("via %s", other)
                        .isInstanceOf(java.io.IOException.class);
            }
        }
    }

    static DynamoDbClient client(DynamoDbLocalServer server) {
        DynamoDbStorageConfiguration config = new DynamoDbStorageConfiguration();
        config.setEndpoint(server.endpoint());
        config.setMaxAttempts(2);
        config.setRetryBaseDelay(Duration.ofMillis(5));
        config.setMaxBackoff(Duration.ofMillis(20));
        return DynamoDbClients.build(config);
    }
}
