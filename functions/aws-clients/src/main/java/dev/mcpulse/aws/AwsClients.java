package dev.mcpulse.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Builds every AWS SDK client the same way: the JDK's HTTP stack, {@link #retryStrategy the standard retry strategy}
 * with the adapter's attempts and pauses, an attempt deadline, and for an emulator endpoint dummy credentials and
 * a region.
 */
public final class AwsClients {

    /** Emulators accept any credentials; a region is still required by the SDK. */
    static final String EMULATOR_REGION = "us-east-1";

    private AwsClients() {
    }

    /** {@code AwsClients.build(DynamoDbClient.builder(), settings)}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
                                                                                            AwsClientSettings settings) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy(settings))
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .build());
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            if (settings.region().isEmpty()) {
                builder.region(Region.of(EMULATOR_REGION));
            }
        });
        return builder.build();
    }

    /**
     * The SDK's standard strategy (it retries throttling, 5xx and network errors, and only those), with our
     * attempt count and pauses: throttling waits longer than other transient errors.
     */
    public static RetryStrategy retryStrategy(AwsClientSettings settings) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(settings.retryBaseDelay(), settings.maxBackoff()))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(settings.throttlingBaseDelay(), settings.maxBackoff()))
                .build();
    }
}
