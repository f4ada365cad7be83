package dev.mcpulse.storage.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one DynamoDB client: the JDK's HTTP stack, an explicit retry strategy, an attempt deadline, and
 * failures that survive the retries described as {@link dev.mcpulse.domain.port.InfrastructureFailure}s.
 */
public final class DynamoDbClients {

    /** Emulators accept any credentials; a region is still required by the SDK. */
    private static final String EMULATOR_REGION = "us-east-1";

    private DynamoDbClients() {
    }

    public static DynamoDbClient build(DynamoDbStorageConfiguration configuration) {
        DynamoDbStorageConfiguration config = configuration.validated();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy(config))
                        .apiCallAttemptTimeout(config.getAttemptTimeout())
                        .build());
        config.getRegion().map(Region::of).ifPresent(builder::region);
        config.getEndpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            if (config.getRegion().isEmpty()) {
                builder.region(Region.of(EMULATOR_REGION));
            }
        });
        return AwsFailures.describingFailures(builder.build());
    }

    /**
     * The SDK's standard strategy (it retries throttling, 5xx and network errors, and only those), with our
     * attempt count and pauses: throttling waits longer than other transient errors.
     */
    static RetryStrategy retryStrategy(DynamoDbStorageConfiguration config) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(config.getMaxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(config.getRetryBaseDelay(), config.getMaxBackoff()))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(config.getThrottlingBaseDelay(), config.getMaxBackoff()))
                .build();
    }
}
