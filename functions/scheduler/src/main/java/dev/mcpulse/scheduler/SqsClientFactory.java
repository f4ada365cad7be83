package dev.mcpulse.scheduler;

import dev.mcpulse.aws.AwsClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client, built once, the way every AWS adapter builds its client. On AWS the region and credentials come
 * from the function's environment; {@code mcpulse.sqs.endpoint} points it at an SQS-compatible server for tests.
 */
@Factory
public class SqsClientFactory {

    @Singleton
    @Requires(property = SqsProbeDispatcher.QUEUE_PROPERTY)
    @Bean(preDestroy = "close")
    SqsClient sqsClient(SqsClientConfiguration configuration) {
        return AwsClients.build(SqsClient.builder(), configuration.clientSettings());
    }
}
