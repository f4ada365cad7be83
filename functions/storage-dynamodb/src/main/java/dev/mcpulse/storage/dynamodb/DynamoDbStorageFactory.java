package dev.mcpulse.storage.dynamodb;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB adapters as beans. The settings are validated once, here; the client is built once per container,
 * and a module that brings its own {@link DynamoDbClient} bean (the local runner's embedded DynamoDB Local)
 * replaces it.
 */
@Factory
public class DynamoDbStorageFactory {

    @Singleton
    DynamoDbSettings dynamoDbSettings(DynamoDbStorageConfiguration configuration) {
        return configuration.settings();
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(DynamoDbSettings settings) {
        return DynamoDbClients.build(settings.client());
    }

    @Singleton
    DynamoDbEndpointRegistry endpointRegistry(DynamoDbClient client, DynamoDbSettings settings) {
        return new DynamoDbEndpointRegistry(client, settings.tableName());
    }

    @Singleton
    DynamoDbSnapshotStore snapshotStore(DynamoDbClient client, DynamoDbSettings settings) {
        return new DynamoDbSnapshotStore(client, settings.tableName(), settings.historyTtl(),
                DynamoDbSnapshotStore.DEFAULT_CYCLES_KEPT);
    }

    @Singleton
    LegacyFleetMigration legacyFleetMigration(DynamoDbClient client, DynamoDbSettings settings) {
        return new LegacyFleetMigration(client, settings.tableName());
    }

    @Singleton
    DynamoDbCycleLog cycleLog(DynamoDbClient client, DynamoDbSettings settings, DynamoDbSnapshotStore snapshots) {
        // One view of the recent cycles per process: a cycle recorded here is seen at once by the store's reads.
        return new DynamoDbCycleLog(client, settings.tableName(), settings.historyTtl(), snapshots.recentCycles());
    }
}
