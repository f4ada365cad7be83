package dev.mcpulse.scheduler;

import dev.mcpulse.aws.AwsClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The Lambda client, built once, the way every AWS adapter builds its client. On AWS the region and credentials
 * come from the function's environment; {@code mcpulse.lambda.endpoint} points it at a stand-in for tests.
 */
@Factory
public class LambdaClientFactory {

    @Singleton
    @Requires(property = LambdaProbeDispatcher.FUNCTION_PROPERTY)
    @Bean(preDestroy = "close")
    LambdaClient lambdaClient(LambdaClientConfiguration configuration) {
        return AwsClients.build(LambdaClient.builder(), configuration.clientSettings());
    }
}
