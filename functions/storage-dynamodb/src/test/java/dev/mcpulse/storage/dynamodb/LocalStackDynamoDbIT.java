package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same port contracts against DynamoDB in LocalStack, through the production client builder. Runs where a
 * Docker engine exists; elsewhere JUnit reports every test skipped ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackDynamoDbIT {

    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices(Service.DYNAMODB);

    private static DynamoDbClient client;

    private static synchronized DynamoDbClient client() {
        if (client == null) {
            DynamoDbStorageConfiguration config = new DynamoDbStorageConfiguration();
            config.setEndpoint(LOCALSTACK.getEndpoint());
            config.setRegion(LOCALSTACK.getRegion());
            client = DynamoDbClients.build(config);
        }
        return client;
    }

    private static String newTable() {
        String name = "mcpulse-" + UUID.randomUUID();
        TestTables.create(client(), name);
        return name;
    }

    @Test
    void theTableDefinitionCreatesTheTableWithItsKeysAndTtl() {
        String table = newTable();

        var description = client().describeTable(b -> b.tableName(table)).table();
        assertThat(description.keySchema()).isEqualTo(TableDefinition.load().keySchema());
        assertThat(client().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().attributeName())
                .isEqualTo(HistoryItemMapper.EXPIRES_AT);
    }

    @Nested
    class Registry extends EndpointRegistryContract {
        @Override
        protected EndpointRegistry newRegistry() {
            return new DynamoDbEndpointRegistry(client(), newTable(), 100, BatchWriter.RetryPause.DEFAULT);
        }
    }

    @Nested
    class Snapshots extends SnapshotStoreContract {
        @Override
        protected SnapshotStore newStore() {
            return new DynamoDbSnapshotStore(client(), newTable(), DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL, 50,
                    BatchWriter.RetryPause.DEFAULT);
        }

        @Override
        protected OptionalLong droppedStaleWrites(SnapshotStore store) {
            return OptionalLong.of(((DynamoDbSnapshotStore) store).droppedStaleWrites());
        }
    }

    @Nested
    class Cycles extends CycleLogContract {
        @Override
        protected CycleLog newLog() {
            return new DynamoDbCycleLog(client(), newTable());
        }
    }
}
