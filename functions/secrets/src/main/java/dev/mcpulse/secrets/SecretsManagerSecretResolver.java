package dev.mcpulse.secrets;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.mcpulse.domain.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver;

/**
 * Secrets from AWS Secrets Manager through the AWS caching client. The cache's TTL is shorter than one probe
 * interval, so a rotated secret is used from the next cycle on. Every outcome is a {@link SecretLookup}: nothing
 * thrown, nothing logged, no value in any reason.
 */
public final class SecretsManagerSecretResolver implements SecretResolver, AutoCloseable {

    private final SecretCache cache;

    public SecretsManagerSecretResolver(SecretCache cache) {
        this.cache = cache;
    }

    @Override
    public SecretLookup resolve(SecretRef ref) {
        String text;
        try {
            text = cache.getSecretString(ref.secretId());
        } catch (RuntimeException failure) {
            return SecretsManagerErrors.classify(ref.secretId(), failure);
        }
        if (text == null) {
            return new SecretLookup.Empty("secret " + ref.secretId()
                    + " has no current text value (it holds binary data, or no version is labelled AWSCURRENT)");
        }
        return SecretText.extract(ref, text);
    }

    @Override
    public void close() {
        cache.close();
    }
}
