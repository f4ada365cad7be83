package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import org.junit.jupiter.api.Test;

/** The classification of a batch read's per-secret errors, which carry a code and no HTTP status. */
class SecretStoreErrorsTest {

    @Test
    void aBatchErrorIsClassifiedByItsCodeInTheStoresOwnWords() {
        assertThat(SecretStoreErrors.SECRETS_MANAGER.classifyBatchError("mcpulse/a", "ResourceNotFoundException"))
                .isEqualTo(new SecretLookup.NotFound(
                        "secret mcpulse/a does not exist in Secrets Manager (ResourceNotFoundException)"));
        assertThat(SecretStoreErrors.PARAMETER_STORE.classifyBatchError("ssm:/mcpulse/a", "ParameterNotFound"))
                .isEqualTo(new SecretLookup.NotFound(
                        "secret ssm:/mcpulse/a does not exist in Parameter Store (ParameterNotFound)"));
        assertThat(SecretStoreErrors.SECRETS_MANAGER.classifyBatchError("mcpulse/a", "DecryptionFailure"))
                .isInstanceOf(SecretLookup.AccessDenied.class);
    }

    /** An entry without an error code is an outage of that secret's read, not an exception out of the batch. */
    @Test
    void aBatchErrorWithoutACodeIsAnOutageNamedAsSuch() {
        assertThat(SecretStoreErrors.SECRETS_MANAGER.classifyBatchError("mcpulse/a", null)).isEqualTo(
                new SecretLookup.Unavailable("Secrets Manager could not serve secret mcpulse/a (an error, in a batch read)"));
    }
}
