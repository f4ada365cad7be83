package dev.mcpulse.domain.memory;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.port.SecretResolver;
import java.util.Map;

/** Secrets from a map of secret id to value; JSON keys are not supported here. For tests of the services. */
public final class MapSecretResolver implements SecretResolver {

    private final Map<String, String> values;

    public MapSecretResolver(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public SecretLookup resolve(SecretRef ref) {
        String value = values.get(ref.secretId());
        if (value == null) {
            return new SecretLookup.NotFound("secret " + ref.secretId() + " does not exist");
        }
        if (value.isEmpty()) {
            return new SecretLookup.Empty("secret " + ref.secretId() + " is empty");
        }
        return new SecretLookup.Found(new SecretValue(value));
    }
}
