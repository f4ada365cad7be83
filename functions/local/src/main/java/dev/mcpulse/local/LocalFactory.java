package dev.mcpulse.local;

import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.secrets.LocalSecretResolver;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;

/** The runner's own wiring: secrets are the demo's (in memory) and then the user's local ones. */
@Factory
class LocalFactory {

    @Singleton
    @Primary
    SecretResolver secretResolver(DemoSecrets demo, LocalSecretResolver user) {
        return new ChainedSecretResolver(demo.resolver(), user);
    }
}
