package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import dev.mcpulse.domain.port.SecretResolver;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretResolver} must do with plain and JSON secrets. Subclasses plant secrets in their store;
 * every value planted contains {@link #CANARY}, and no reason may ever contain it.
 */
abstract class SecretResolverContract {

    static final String CANARY = "CANARY-7f3a9c1e";

    /** Stores a secret with this id and text. */
    protected abstract void plant(String secretId, String text);

    /** A resolver that sees what was planted (called after planting). */
    protected abstract SecretResolver resolver();

    static SecretRef ref(String id) {
        return new SecretRef(id, Optional.empty());
    }

    static SecretRef ref(String id, String key) {
        return new SecretRef(id, Optional.of(key));
    }

    private SecretLookup resolve(SecretRef ref) {
        SecretLookup lookup = resolver().resolve(ref);
        assertThat(String.valueOf(lookup)).doesNotContain(CANARY);
        return lookup;
    }

    @Test
    void aPlainSecretIsFoundWithItsWholeText() {
        plant("mcpulse/test/plain", "token-" + CANARY);

        assertThat(resolve(ref("mcpulse/test/plain")))
                .isInstanceOfSatisfying(SecretLookup.Found.class,
                        found -> assertThat(found.value().reveal()).isEqualTo("token-" + CANARY));
    }

    @Test
    void aJsonSecretGivesTheValueOfTheNamedKey() {
        plant("mcpulse/test/json", "{\"apiKey\":\"key-" + CANARY + "\",\"other\":\"x-" + CANARY + "\",\"port\":8443}");

        assertThat(resolve(ref("mcpulse/test/json", "apiKey")))
                .isInstanceOfSatisfying(SecretLookup.Found.class,
                        found -> assertThat(found.value().reveal()).isEqualTo("key-" + CANARY));
        assertThat(resolve(ref("mcpulse/test/json", "port")))
                .isInstanceOfSatisfying(SecretLookup.Found.class, found -> assertThat(found.value().reveal()).isEqualTo("8443"));
    }

    @Test
    void aMissingSecretIsNotFoundAndTheReasonNamesIt() {
        assertThat(resolve(ref("mcpulse/test/missing")))
                .isInstanceOfSatisfying(SecretLookup.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("mcpulse/test/missing"));
    }

    @Test
    void anEmptySecretIsEmpty() {
        plant("mcpulse/test/empty", "");

        assertThat(resolve(ref("mcpulse/test/empty")))
                .isInstanceOfSatisfying(SecretLookup.Empty.class,
                        empty -> assertThat(empty.reason()).isEqualTo("secret mcpulse/test/empty is empty"));
    }

    @Test
    void aJsonKeyThatIsMissingEmptyOrNotTextIsEmptyAndNamesTheKey() {
        plant("mcpulse/test/keys", "{\"apiKey\":\"\",\"nested\":{\"a\":\"" + CANARY + "\"},\"other\":\"" + CANARY + "\"}");

        assertThat(resolve(ref("mcpulse/test/keys", "absent")))
                .isEqualTo(new SecretLookup.Empty("secret mcpulse/test/keys has no key 'absent'"));
        assertThat(resolve(ref("mcpulse/test/keys", "apiKey")))
                .isEqualTo(new SecretLookup.Empty("key 'apiKey' of secret mcpulse/test/keys is empty"));
        assertThat(resolve(ref("mcpulse/test/keys", "nested")))
                .isEqualTo(new SecretLookup.Empty("key 'nested' of secret mcpulse/test/keys is not a text value"));
    }

    @Test
    void aKeyIntoASecretThatIsNotAJsonObjectIsEmptyWithoutQuotingTheText() {
        plant("mcpulse/test/broken", "{\"apiKey\": \"" + CANARY);

        assertThat(resolve(ref("mcpulse/test/broken", "apiKey"))).isEqualTo(new SecretLookup.Empty(
                "secret mcpulse/test/broken is not a JSON object, so it has no key 'apiKey'"));
    }

    /** Reading a shard's secrets ahead changes no lookup's result. */
    @Test
    void secretsReadAheadResolveAsAnyOther() {
        plant("mcpulse/test/ahead", "a-" + CANARY);
        plant("mcpulse/test/ahead-json", "{\"apiKey\":\"k-" + CANARY + "\"}");

        resolver().prefetch(List.of(ref("mcpulse/test/ahead"), ref("mcpulse/test/ahead-json", "apiKey"),
                ref("mcpulse/test/ahead-json", "absent"), ref("mcpulse/test/ahead-missing")));

        assertThat(resolve(ref("mcpulse/test/ahead"))).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("a-" + CANARY));
        assertThat(resolve(ref("mcpulse/test/ahead-json", "apiKey"))).isInstanceOfSatisfying(SecretLookup.Found.class,
                found -> assertThat(found.value().reveal()).isEqualTo("k-" + CANARY));
        assertThat(resolve(ref("mcpulse/test/ahead-json", "absent")))
                .isEqualTo(new SecretLookup.Empty("secret mcpulse/test/ahead-json has no key 'absent'"));
        assertThat(resolve(ref("mcpulse/test/ahead-missing"))).isInstanceOf(SecretLookup.NotFound.class);
    }
}
