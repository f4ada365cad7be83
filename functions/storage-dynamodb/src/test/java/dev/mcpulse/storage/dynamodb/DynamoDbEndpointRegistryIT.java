package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.port.EndpointRegistry;

/**
 * The registry contract against DynamoDB Local, with small Query pages so that listing the 1,200-endpoint fleet
 * (about 75 entries in each of the 16 fleet partitions) really follows LastEvaluatedKey through many pages.
 */
class DynamoDbEndpointRegistryIT extends EndpointRegistryContract {
    @Override
    protected EndpointRegistry newRegistry() {
        return new DynamoDbEndpointRegistry(DynamoDbLocal.client(), DynamoDbLocal.newTable(), 10,
                BatchWriter.RetryPause.DEFAULT);
    }
}
