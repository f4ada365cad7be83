package dev.mcpulse.probe;

import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.ShardProbe;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The probe function's own beans: the shard runner and, when a bus is configured, the EventBridge client. */
@Factory
public class ProbeFunctionFactory {

    @Singleton
    ShardProbe shardProbe(EndpointRegistry registry, EndpointChecker checker) {
        return new ShardProbe(registry, checker, ShardProbe.Sleeper.THREAD);
    }

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
