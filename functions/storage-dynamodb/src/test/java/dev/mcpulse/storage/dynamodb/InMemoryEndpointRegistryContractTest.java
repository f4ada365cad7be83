package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.port.EndpointRegistry;

/** The registry contract against the in-memory reference implementation. */
class InMemoryEndpointRegistryContractTest extends EndpointRegistryContract {
    @Override
    protected EndpointRegistry newRegistry() {
        return new InMemoryEndpointRegistry();
    }
}
