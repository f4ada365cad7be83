package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapters as Micronaut beans, configured from properties (no AWS call is made). */
class DynamoDbStorageFactoryTest {

    @Test
    void thePortsAreServedByTheDynamoDbAdaptersConfiguredFromProperties() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "mcpulse.storage.dynamodb.table-name", "mcpulse-test",
                "mcpulse.storage.dynamodb.endpoint", "http://127.0.0.1:9",
                "mcpulse.storage.dynamodb.history-ttl", "2d",
                "mcpulse.storage.dynamodb.max-attempts", "7"))) {

            assertThat(context.getBean(EndpointRegistry.class)).isInstanceOf(DynamoDbEndpointRegistry.class);
            assertThat(context.getBean(SnapshotStore.class)).isInstanceOf(DynamoDbSnapshotStore.class);
            assertThat(context.getBean(CycleLog.class)).isInstanceOf(DynamoDbCycleLog.class);
            DynamoDbStorageConfiguration config = context.getBean(DynamoDbStorageConfiguration.class);
            assertThat(config.getTableName()).isEqualTo("mcpulse-test");
            assertThat(config.getHistoryTtl()).isEqualTo(Duration.ofDays(2));
            assertThat(config.getEndpoint()).hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(9));
            // The client properties every AWS adapter shares, bound through the common base class.
            DynamoDbSettings settings = context.getBean(DynamoDbSettings.class);
            assertThat(settings.client().maxAttempts()).isEqualTo(7);
            assertThat(settings.client().endpoint()).isEqualTo(config.getEndpoint());
            assertThat(settings.tableName()).isEqualTo("mcpulse-test");
        }
    }

    @Test
    void aBadSettingFailsFastNamingTheProperty() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("mcpulse.storage.dynamodb.table-name", "x"))) {
            assertThatThrownBy(() -> context.getBean(EndpointRegistry.class))
                    .hasStackTraceContaining("mcpulse.storage.dynamodb.table-name must be 3-255 characters");
        }
        DynamoDbStorageConfiguration config = new DynamoDbStorageConfiguration();
        config.setMaxAttempts(0);
        assertThatThrownBy(config::settings).hasMessage("mcpulse.storage.dynamodb.max-attempts must be a whole number from 1 to 20");
    }
}
