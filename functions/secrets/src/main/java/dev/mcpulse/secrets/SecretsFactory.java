package dev.mcpulse.secrets;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

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

    @Singleton
    @Requires(property = SOURCE, value = "aws", defaultValue = "aws")
    @Requires(missingBeans = SsmClient.class)
    @Bean(preDestroy = "close")
    SsmClient parameterStoreClient(SecretsSettings settings) {
        return ParameterStoreClients.build(settings.parameterStoreClient());
    }

    /**
     * Parameter Store's client is asked of the context (which builds it, and closes it with the context) only when a
     * fleet first names a parameter.
     */
    @Singleton
    @Requires(property = SOURCE, value = "aws", defaultValue = "aws")
    @Bean(preDestroy = "close")
    SecretStores awsSecretStores(SecretsManagerClient client, BeanProvider<SsmClient> parameterStoreClient,
                                 SecretsSettings settings, @Nullable Clock clock) {
        // The one Clock bean of the functions (function-wiring); this module alone has none and uses the system clock.
        Clock time = clock == null ? Clock.systemUTC() : clock;
        return new SecretStores(new SecretsManagerSecretResolver(client, settings.cacheTtl(), time),
                () -> new ParameterStoreSecretResolver(parameterStoreClient.get(), settings.cacheTtl(), time));
    }

    @Singleton
    @Requires(property = SOURCE, value = "local")
    LocalSecretResolver localResolver(SecretsSettings settings) {
        return new LocalSecretResolver(System.getenv(), settings.file());
    }
}
