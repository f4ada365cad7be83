package dev.mcpulse.secrets;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Builds our own Secrets Manager client (the JDK's HTTP stack, an explicit retry strategy, an attempt deadline)
 * and the caching client over it — never the cache's no-argument constructor, which needs the CRT.
 */
public final class SecretsManagerClients {

    private static final String EMULATOR_REGION = "us-east-1";

    private SecretsManagerClients() {
    }

    public static SecretsManagerClient build(SecretsConfiguration configuration) {
        SecretsConfiguration config = configuration.validated();
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.getMaxAttempts())
                                .backoffStrategy(BackoffStrategy.exponentialDelay(
                                        config.getRetryBaseDelay(), config.getMaxBackoff()))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                                        config.getThrottlingBaseDelay(), config.getMaxBackoff()))
                                .build())
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
        return builder.build();
    }

    public static SecretCache cache(SecretsManagerClient client, SecretsConfiguration configuration) {
        return new SecretCache(new SecretCacheConfiguration()
                .withClient(client)
                .withCacheItemTTL(configuration.validated().getCacheTtl().toMillis()));
    }
}
