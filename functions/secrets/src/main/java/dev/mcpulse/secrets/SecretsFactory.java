package dev.mcpulse.secrets;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The secret resolver as a bean: Secrets Manager by default, the local resolver with {@code mcpulse.secrets.source: local}. */
@Factory
public class SecretsFactory {

    private static final String SOURCE = SecretsConfiguration.PREFIX + ".source";

    @Singleton
    SecretsSettings secretsSettings(SecretsConfiguration configuration) {
        return configuration.settings();
    }

    @Singleton
    @Requires(property = SOURCE, value = "aws", defaultValue = "aws")
    @Requires(missingBeans = SecretsManagerClient.class)
    @Bean(preDestroy = "close")
    SecretsManagerClient secretsManagerClient(SecretsSettings settings) {
        return SecretsManagerClients.build(settings.client());
    }

    @Singleton
    @Requires(property = SOURCE, value = "aws", defaultValue = "aws")
    @Bean(preDestroy = "close")
    SecretsManagerSecretResolver secretsManagerResolver(SecretsManagerClient client, SecretsSettings settings,
                                                        @Nullable Clock clock) {
        // The one Clock bean of the functions (function-wiring); this module alone has none and uses the system clock.
        return new SecretsManagerSecretResolver(client, settings.cacheTtl(), clock == null ? Clock.systemUTC() : clock);
    }

    @Singleton
    @Requires(property = SOURCE, value = "local")
    LocalSecretResolver localResolver(SecretsSettings settings) {
        return new LocalSecretResolver(System.getenv(), settings.file());
    }
}
