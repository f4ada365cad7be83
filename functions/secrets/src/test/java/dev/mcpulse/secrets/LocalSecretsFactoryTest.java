package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.SecretResolver;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** mcpulse.secrets.source=local (the local runner) gives the file resolver, with the cache it is told. */
@MicronautTest(startApplication = false)
@Property(name = "mcpulse.secrets.source", value = "local")
@Property(name = "mcpulse.secrets.file", value = "/tmp/none.yaml")
@Property(name = "mcpulse.secrets.cache-ttl", value = "30s")
class LocalSecretsFactoryTest {

    @Inject
    SecretResolver resolver;
    @Inject
    SecretsConfiguration configuration;

    @Test
    void theLocalSourceGivesTheLocalResolver() {
        assertThat(resolver).isInstanceOf(LocalSecretResolver.class);
        assertThat(configuration.getCacheTtl()).isEqualTo(Duration.ofSeconds(30));
    }
}
