package dev.mcpulse.eventbridge;

import dev.mcpulse.aws.AwsClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The EventBridge client, built once and only when a bus is configured ({@code MCPULSE_EVENT_BUS_NAME}). */
@Factory
public class EventBridgeFactory {

    @Singleton
    @Requires(property = EventBridgeStatusChangePublisher.BUS_PROPERTY)
    @Bean(preDestroy = "close")
    EventBridgeClient eventBridgeClient(EventBridgeConfiguration configuration) {
        return AwsClients.build(EventBridgeClient.builder(), configuration.clientSettings());
    }
}
