package dev.mcpulse.secrets;

import dev.mcpulse.domain.port.SecretResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The resolver contract against the local resolver reading environment variables only. */
class LocalSecretResolverEnvironmentContractTest extends SecretResolverContract {

    private final Map<String, String> environment = new HashMap<>();

    @Override
    protected void plant(String secretId, String text) {
        environment.put(LocalSecretResolver.environmentVariable(secretId), text);
    }

    @Override
    protected SecretResolver resolver() {
        return new LocalSecretResolver(environment, Optional.empty());
    }
}
