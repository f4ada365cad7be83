package dev.mcpulse.storage.dynamodb;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB adapters as beans. The client is built once per container; a module that brings its own
 * {@link DynamoDbClient} bean (the local runner's embedded DynamoDB Local) replaces it.
 */
@Factory
public class DynamoDbStorageFactory {

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDbClient(DynamoDbStorageConfiguration configuration) {
        return DynamoDbClients.build(configuration);
    }

    @Singleton
    DynamoDbEndpointRegistry endpointRegistry(DynamoDbClient client, DynamoDbStorageConfiguration configuration) {
        return new DynamoDbEndpointRegistry(client, configuration.validated().getTableName());
    }

    @Singleton
    DynamoDbSnapshotStore snapshotStore(DynamoDbClient client, DynamoDbStorageConfiguration configuration) {
        DynamoDbStorageConfiguration config = configuration.validated();
        return new DynamoDbSnapshotStore(client, config.getTableName(), config.getHistoryTtl());
    }

    @Singleton
    DynamoDbCycleLog cycleLog(DynamoDbClient client, DynamoDbStorageConfiguration configuration) {
        return new DynamoDbCycleLog(client, configuration.validated().getTableName());
    }
}
