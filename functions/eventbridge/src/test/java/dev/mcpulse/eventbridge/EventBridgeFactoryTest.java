package dev.mcpulse.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.aws.AwsClientSettings;
import dev.mcpulse.domain.port.StatusChangePublisher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The publisher and its client as beans, made only when a bus is configured (no AWS call is made). */
@MicronautTest(startApplication = false)
@Property(name = EventBridgeStatusChangePublisher.BUS_PROPERTY, value = "mcpulse-test-bus")
@Property(name = "mcpulse.eventbridge.endpoint", value = "http://127.0.0.1:9")
@Property(name = "mcpulse.eventbridge.attempt-timeout", value = "2s")
class EventBridgeFactoryTest {

    @Inject
    StatusChangePublisher publisher;
    @Inject
    EventBridgeClient client;
    @Inject
    EventBridgeConfiguration configuration;

    @Test
    void aConfiguredBusGivesThePublisherAndItsClientBuiltByTheSharedConvention() {
        assertThat(publisher).isInstanceOf(EventBridgeStatusChangePublisher.class);
        assertThat(client).isNotNull();
        AwsClientSettings settings = configuration.clientSettings();
        assertThat(settings.prefix()).isEqualTo("mcpulse.eventbridge");
        assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.maxAttempts()).isEqualTo(3);
    }

    @Test
    void withoutABusThereIsNoPublisherAndNoClient() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            assertThat(context.findBean(EventBridgeStatusChangePublisher.class)).isEmpty();
            assertThat(context.findBean(EventBridgeClient.class)).isEmpty();
        }
    }

    @Test
    void aBadClientSettingNamesItsProperty() {
        EventBridgeConfiguration bad = new EventBridgeConfiguration();
        bad.setMaxAttempts(50);
        assertThatThrownBy(bad::clientSettings).hasMessage("mcpulse.eventbridge.max-attempts must be a whole number from 1 to 20");
    }
}
