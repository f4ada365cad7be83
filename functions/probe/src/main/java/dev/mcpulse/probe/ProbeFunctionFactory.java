package dev.mcpulse.probe;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The probe function's own bean: the EventBridge client, when a bus is configured. */
@Factory
public class ProbeFunctionFactory {

    @Singleton
    @Requires(property = EventBridgeStatusChangePublisher.BUS_PROPERTY)
    EventBridgeClient eventBridgeClient(@Value("${mcpulse.eventbridge.endpoint:}") String endpoint) {
        var builder = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
