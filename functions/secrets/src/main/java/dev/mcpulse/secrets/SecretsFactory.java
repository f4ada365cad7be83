package dev.mcpulse.secrets;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The secret resolver as a bean: on AWS (by default) Secrets Manager, and Parameter Store for references that name a
 * parameter ({@link SecretStores}); the local resolver with {@code mcpulse.secrets.source: local}.
 */
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

    /** Parameter Store's client is built when a fleet first names a parameter. */
    @Singleton
    @Requires(property = SOURCE, value = "aws", defaultValue = "aws")
    @Bean(preDestroy = "close")
    SecretStores awsSecretStores(SecretsManagerClient client, SecretsSettings settings, @Nullable Clock clock) {
        // The one Clock bean of the functions (function-wiring); this module alone has none and uses the system clock.
        Clock time = clock == null ? Clock.systemUTC() : clock;
        return new SecretStores(new SecretsManagerSecretResolver(client, settings.cacheTtl(), time),
                () -> ParameterStoreSecretResolver.owning(ParameterStoreClients.build(settings.parameterStoreClient()),
                        settings.cacheTtl(), time));
    }

    @Singleton
    @Requires(property = SOURCE, value = "local")
    LocalSecretResolver localResolver(SecretsSettings settings) {
        return new LocalSecretResolver(System.getenv(), settings.file());
    }
}
