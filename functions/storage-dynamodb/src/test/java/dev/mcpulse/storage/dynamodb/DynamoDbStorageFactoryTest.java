package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapters as Micronaut beans, configured from this class's properties (no AWS call is made). */
@MicronautTest(startApplication = false)
@Property(name = "mcpulse.storage.dynamodb.table-name", value = "mcpulse-test")
@Property(name = "mcpulse.storage.dynamodb.endpoint", value = "http://127.0.0.1:9")
@Property(name = "mcpulse.storage.dynamodb.history-ttl", value = "2d")
@Property(name = "mcpulse.storage.dynamodb.max-attempts", value = "7")
class DynamoDbStorageFactoryTest {

    @Inject
    EndpointRegistry registry;
    @Inject
    SnapshotStore snapshots;
    @Inject
    CycleLog cycles;
    @Inject
    DynamoDbStorageConfiguration config;
    @Inject
    DynamoDbSettings settings;

    @Test
    void thePortsAreServedByTheDynamoDbAdaptersConfiguredFromProperties() {
        assertThat(registry).isInstanceOf(DynamoDbEndpointRegistry.class);
        assertThat(snapshots).isInstanceOf(DynamoDbSnapshotStore.class);
        assertThat(cycles).isInstanceOf(DynamoDbCycleLog.class);
        assertThat(config.getTableName()).isEqualTo("mcpulse-test");
        assertThat(config.getHistoryTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(config.getEndpoint()).hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(9));
        // The client properties every AWS adapter shares, bound through the common base class.
        assertThat(settings.client().maxAttempts()).isEqualTo(7);
        assertThat(settings.client().endpoint()).isEqualTo(config.getEndpoint());
        assertThat(settings.tableName()).isEqualTo("mcpulse-test");
        assertThat(settings.historyTtl()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aBadSettingFailsFastNamingTheProperty() {
        // A context of its own: this one must fail to build its beans.
        try (ApplicationContext context = ApplicationContext.run(Map.of("mcpulse.storage.dynamodb.table-name", "x"))) {
            assertThatThrownBy(() -> context.getBean(EndpointRegistry.class))
                    .hasStackTraceContaining("mcpulse.storage.dynamodb.table-name must be 3-255 characters");
        }
        DynamoDbStorageConfiguration bad = new DynamoDbStorageConfiguration();
        bad.setMaxAttempts(0);
        assertThatThrownBy(bad::settings).hasMessage("mcpulse.storage.dynamodb.max-attempts must be a whole number from 1 to 20");
    }
}
