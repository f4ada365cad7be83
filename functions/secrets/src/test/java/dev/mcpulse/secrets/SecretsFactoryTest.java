package dev.mcpulse.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.port.SecretResolver;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The resolver as a Micronaut bean: the AWS stores unless told otherwise (no AWS call is made). */
@MicronautTest(startApplication = false)
@Property(name = "mcpulse.secrets.endpoint", value = "http://127.0.0.1:9")
class SecretsFactoryTest {

    @Inject
    SecretResolver resolver;
    @Inject
    SecretsConfiguration configuration;

    @Test
    void theAwsStoresAreTheDefaultWithAnHourLongCache() {
        assertThat(resolver).isInstanceOf(SecretStores.class);
        assertThat(configuration.getCacheTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBadSettingFailsFastNamingTheProperty() {
        SecretsConfiguration config = new SecretsConfiguration();
        config.setCacheTtl(Duration.ZERO);

        assertThatThrownBy(config::settings).hasMessage(
                "mcpulse.secrets.cache-ttl must be a positive duration, such as 15m");
    }
}
