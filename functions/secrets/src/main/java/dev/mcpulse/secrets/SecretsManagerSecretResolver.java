package dev.mcpulse.secrets;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets from AWS Secrets Manager, cached ({@link CachingSecretResolver}); a shard's secrets are read with
 * {@code BatchGetSecretValue}, {@value #BATCH_LIMIT} to a call ({@link SecretsManagerReads}).
 */
public final class SecretsManagerSecretResolver extends CachingSecretResolver {

    /** The most secrets one {@code BatchGetSecretValue} call may name (its {@code SecretIdList}); the cost model's too. */
    public static final int BATCH_LIMIT = SecretsManagerReads.BATCH_LIMIT;

    /** {@code cacheTtl}: how long a secret is kept at most ({@link SecretsConfiguration#getCacheTtl()}). */
    public SecretsManagerSecretResolver(SecretsManagerClient client, Duration cacheTtl, Clock clock) {
        super(new SecretsManagerReads(client), cacheTtl, clock);
    }
}
