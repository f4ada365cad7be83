package dev.mcpulse.secrets;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.mcpulse.aws.AwsClientSettings;
import dev.mcpulse.aws.AwsClients;
import java.time.Duration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds our own Secrets Manager client the way every AWS adapter builds its client ({@link AwsClients}), and the
 * caching client over it — never the cache's no-argument constructor, which needs the CRT.
 */
public final class SecretsManagerClients {

    private SecretsManagerClients() {
    }

    public static SecretsManagerClient build(AwsClientSettings settings) {
        return AwsClients.build(SecretsManagerClient.builder(), settings);
    }

    public static SecretCache cache(SecretsManagerClient client, Duration ttl) {
        return new SecretCache(new SecretCacheConfiguration().withClient(client).withCacheItemTTL(ttl.toMillis()));
    }
}
