package dev.mcpulse.local;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.port.SecretResolver;

/**
 * The demo's in-memory secrets first, then the user's (environment variables and secrets file): a secret the demo
 * does not hold is looked up where the user keeps theirs, so a user's own fleet works next to the demo.
 */
final class ChainedSecretResolver implements SecretResolver {

    private final SecretResolver first;
    private final SecretResolver then;

    ChainedSecretResolver(SecretResolver first, SecretResolver then) {
        this.first = first;
        this.then = then;
    }

    @Override
    public SecretLookup resolve(SecretRef ref) {
        SecretLookup lookup = first.resolve(ref);
        return lookup instanceof SecretLookup.NotFound ? then.resolve(ref) : lookup;
    }
}
