package dev.mcpulse.secrets;

import dev.mcpulse.domain.port.SecretResolver.SecretLookup;

/** One answer of a secret store for one secret. */
sealed interface SecretRead {

    /** {@code text} null: the secret has no text value (what that means is the store's, {@link SecretStoreReads#noText}). */
    record Value(String text) implements SecretRead {
    }

    record Failed(SecretLookup lookup) implements SecretRead {
    }
}
