package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.aws.AwsClientSettings;
import dev.mcpulse.aws.AwsClients;
import dev.mcpulse.aws.AwsFailures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Builds the one DynamoDB client the way every AWS adapter builds its client ({@link AwsClients}), with failures
 * that survive the retries described as {@link dev.mcpulse.domain.port.InfrastructureFailure}s. A refused
 * condition check is an answer (newer wins, superseded), not a failure.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    public static DynamoDbClient build(AwsClientSettings settings) {
        return AwsFailures.describingFailures(DynamoDbClient.class, AwsClients.build(DynamoDbClient.builder(), settings),
                "DynamoDB", failure -> failure instanceof ConditionalCheckFailedException);
    }

    /** For tests and tools that set the configuration by hand. */
    public static DynamoDbClient build(DynamoDbStorageConfiguration configuration) {
        return build(configuration.settings().client());
    }
}
