package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.port.SecretResolver;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolver as a Micronaut bean, chosen by mcpulse.secrets.source (no AWS call is made). */
class SecretsFactoryTest {

    @Test
    void secretsManagerIsTheDefaultWithASixtySecondCache() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("mcpulse.secrets.endpoint", "http://127.0.0.1:9"))) {
            assertThat(context.getBean(SecretResolver.class)).isInstanceOf(SecretsManagerSecretResolver.class);
            assertThat(context.getBean(SecretsConfiguration.class).getCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void theLocalSourceGivesTheLocalResolver() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "mcpulse.secrets.source", "local", "mcpulse.secrets.file", "/tmp/none.yaml", "mcpulse.secrets.cache-ttl", "30s"))) {
            assertThat(context.getBean(SecretResolver.class)).isInstanceOf(LocalSecretResolver.class);
            assertThat(context.getBean(SecretsConfiguration.class).getCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void aBadSettingFailsFastNamingTheProperty() {
        SecretsConfiguration config = new SecretsConfiguration();
        config.setCacheTtl(Duration.ZERO);

        assertThatThrownBy(config::settings).hasMessage(
                "mcpulse.secrets.cache-ttl must be a positive duration shorter than the probe interval, such as 60s");
    }
}
