package dev.mcpulse.domain.port;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.SecretValue;
import java.util.Collection;

/** Resolves a secret reference to its value. Never throws for a missing or unreadable secret: that is data. */
public interface SecretResolver {

    SecretLookup resolve(SecretRef ref);

    /**
     * As {@link #resolve}, but read from the store itself, past any cache (and the cache then holds what was read):
     * for when the server refused the cached value, which may have been rotated since. A resolver without a cache
     * resolves as usual.
     */
    default SecretLookup resolveFresh(SecretRef ref) {
        return resolve(ref);
    }

    /**
     * Reads these references' secrets ahead of the {@link #resolve} calls that follow, in as few calls to the store
     * as it allows: a probe shard's secrets before its probes (each lookup may be a billed call). A hint, not a
     * lookup: nothing is returned or thrown, and a secret it could not read is read by {@code resolve} as usual. A
     * resolver without a cache, or whose reads cost nothing, does nothing.
     */
    default void prefetch(Collection<SecretRef> refs) {
    }

    /** What resolving a reference gave. Reasons never contain a secret value. */
    sealed interface SecretLookup {
        record Found(SecretValue value) implements SecretLookup {
        }

        record NotFound(String reason) implements SecretLookup {
        }

        record Empty(String reason) implements SecretLookup {
        }

        record AccessDenied(String reason) implements SecretLookup {
        }

        /** The secret store could not be reached or answered with an error (throttling, 5xx). */
        record Unavailable(String reason) implements SecretLookup {
        }
    }
}
