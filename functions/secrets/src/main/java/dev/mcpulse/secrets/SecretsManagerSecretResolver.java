package dev.mcpulse.secrets;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets from AWS Secrets Manager through the AWS caching client. The cache keeps a secret for several probe
 * intervals (each lookup is a billed API call, and at fleet scale one per check dominated the bill, docs/cost.md); a
 * rotated secret is still used at once, because a server's refusal of the cached value makes the prober read it
 * again ({@link #resolveFresh}) and probe with the new one. Every outcome is a {@link SecretLookup}: nothing
 * thrown, nothing logged, no value in any reason.
 *
 * <p>During a Secrets Manager outage a value read before keeps being served (the caching client does so): the
 * monitor measures the endpoints, not the secret store, and a credential revoked meanwhile shows as
 * {@code auth_rejected} at the endpoint. A lookup that fails with no value to serve is retried by the next cycle.
 * The caching client alone would not: after a failed read it waits 1–2 s, doubling with each further failure up to
 * 64–128 s, before it asks Secrets Manager again — longer than a cycle of 60 s. So each secret has its own
 * cache, dropped when a lookup fails; the failure itself is held for {@link #FAILURE_HOLD} (or half the cache TTL if
 * that is shorter), enough for the other endpoints of a shard that share the secret not to ask again.
 */
public final class SecretsManagerSecretResolver implements SecretResolver, AutoCloseable {

    /**
     * The longest a failed lookup is held: enough for the other endpoints of a shard that share the secret not to ask
     * again, short of the next cycle (a minute at the shortest interval), so the first cycle after an outage reads it.
     */
    static final Duration FAILURE_HOLD = Duration.ofSeconds(30);

    private final SecretsManagerClient client;
    private final Duration cacheTtl;
    private final Duration failureHold;
    private final Clock clock;
    private final Map<String, SecretCache> caches = new ConcurrentHashMap<>();
    private final Map<String, HeldFailure> failures = new ConcurrentHashMap<>();

    private record HeldFailure(SecretLookup lookup, Instant until) {
    }

    /** {@code cacheTtl}: how long a secret is kept ({@link SecretsConfiguration#getCacheTtl()}). */
    public SecretsManagerSecretResolver(SecretsManagerClient client, Duration cacheTtl, Clock clock) {
        this.client = client;
        this.cacheTtl = cacheTtl;
        this.failureHold = cacheTtl.dividedBy(2).compareTo(FAILURE_HOLD) < 0 ? cacheTtl.dividedBy(2) : FAILURE_HOLD;
        this.clock = clock;
    }

    @Override
    public SecretLookup resolve(SecretRef ref) {
        String secretId = ref.secretId();
        Instant now = clock.instant();
        HeldFailure held = failures.get(secretId);
        if (held != null && now.isBefore(held.until())) {
            return held.lookup();
        }
        SecretCache cache = caches.computeIfAbsent(secretId, id -> SecretsManagerClients.cache(client, cacheTtl));
        String text;
        try {
            text = cache.getSecretString(secretId);
        } catch (RuntimeException failure) {
            SecretLookup lookup = SecretsManagerErrors.classify(secretId, failure);
            caches.remove(secretId, cache);
            failures.put(secretId, new HeldFailure(lookup, now.plus(failureHold)));
            return lookup;
        }
        failures.remove(secretId);
        if (text == null) {
            return new SecretLookup.Empty("secret " + secretId
                    + " has no current text value (it holds binary data, or no version is labelled AWSCURRENT)");
        }
        return SecretText.extract(ref, text);
    }

    /** Drops this secret's cache and any failure held for it, then reads Secrets Manager. */
    @Override
    public SecretLookup resolveFresh(SecretRef ref) {
        SecretCache stale = caches.remove(ref.secretId());
        if (stale != null) {
            stale.close();
        }
        failures.remove(ref.secretId());
        return resolve(ref);
    }

    @Override
    public void close() {
        caches.values().forEach(SecretCache::close);
        caches.clear();
    }
}
