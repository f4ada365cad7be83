package dev.mcpulse.secrets;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Secrets from SecureString parameters of AWS Systems Manager Parameter Store, cached as Secrets Manager's are
 * ({@link CachingSecretResolver}); a shard's are read with {@code GetParameters}, {@value #BATCH_LIMIT} to a call.
 * A standard parameter has no monthly charge, where a Secrets Manager secret costs $0.40 (docs/cost.md); its value
 * is at most 4 KB, and it has no rotation of its own.
 */
public final class ParameterStoreSecretResolver extends CachingSecretResolver {

    /** The most parameters one {@code GetParameters} call may name; the cost model's too. */
    public static final int BATCH_LIMIT = ParameterStoreReads.BATCH_LIMIT;

    public ParameterStoreSecretResolver(SsmClient client, Duration cacheTtl, Clock clock) {
        super(new ParameterStoreReads(client), cacheTtl, clock);
    }
}
