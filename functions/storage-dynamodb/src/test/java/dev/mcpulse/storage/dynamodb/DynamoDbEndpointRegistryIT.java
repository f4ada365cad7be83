package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.port.EndpointRegistry;

/**
 * The registry contract against DynamoDB Local, with small Query pages so that listing the 1,200-endpoint fleet
 * really follows LastEvaluatedKey through many pages.
 */
class DynamoDbEndpointRegistryIT extends EndpointRegistryContract {
    @Override
    protected EndpointRegistry newRegistry() {
        return new DynamoDbEndpointRegistry(DynamoDbLocal.client(), DynamoDbLocal.newTable(), 100,
                BatchWriter.RetryPause.DEFAULT);
    }
}
