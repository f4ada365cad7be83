package dev.mcpulse.scheduler;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The Lambda client, built once. On AWS the region and credentials come from the function's environment; an
 * endpoint override ({@code mcpulse.lambda.endpoint}) points it elsewhere for tests.
 */
@Factory
public class LambdaClientFactory {

    @Singleton
    @Requires(property = LambdaProbeDispatcher.FUNCTION_PROPERTY)
    LambdaClient lambdaClient(@Value("${mcpulse.lambda.endpoint:}") String endpoint) {
        var builder = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
