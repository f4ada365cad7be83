package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.memory.InMemoryCycleLog;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.domain.service.ProbeAdmission;
import dev.mcpulse.domain.service.Scheduler;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each setting read from its property, one context per case; the defaults are in {@link MonitorDefaultsTest}. */
class MonitorSettingsTest {

    static MonitorSettings settings(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            return context.getBean(MonitorSettings.class);
        }
    }

    @Test
    void theEnvironmentVariableNamesMapToTheProperties() {
        MonitorSettings settings = settings(Map.of(
                "mcpulse.probe.interval.seconds", "120", "mcpulse.shard.size", "10", "mcpulse.jitter.seconds", "20",
                "mcpulse.local.mode", "true"));

        assertThat(settings.scheduler()).isEqualTo(new Scheduler.Settings(Duration.ofSeconds(120), 10, Duration.ofSeconds(20)));
        assertThat(settings.urlPolicy()).isEqualTo(UrlPolicy.local());
        assertThat(settings.grace()).as("a check may come up to the jitter window late").isEqualTo(Duration.ofSeconds(50));
        assertThat(settings(Map.of()).grace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aJitterWindowThatWouldHideAMissedCycleIsBoundedForTheSchedulerAndTheGraceAlike() {
        MonitorSettings settings = settings(Map.of("mcpulse.probe.interval.seconds", "60", "mcpulse.jitter.seconds", "60"));

        assertThat(settings.scheduler().jitter()).isEqualTo(Duration.ofSeconds(6));
        assertThat(settings.grace()).as("the API's grace follows the window the scheduler uses").isEqualTo(Duration.ofSeconds(36));
    }

    @Test
    void anInvalidIntervalFallsBackToTheDefault() {
        assertThat(settings(Map.of("mcpulse.probe.interval.seconds", "-5")).interval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anInvalidShardSizeFailsFastNamingTheProperty() {
        assertThatThrownBy(() -> settings(Map.of("mcpulse.shard.size", "lots")))
                .rootCause().hasMessageContaining("mcpulse.shard.size").hasMessageContaining("\"lots\"");
        assertThatThrownBy(() -> settings(Map.of("mcpulse.shard.size", "0")))
                .rootCause().hasMessageContaining("mcpulse.shard.size must be a positive whole number");
    }

    @Test
    void probesInFlightDefaultToThisMachinesBoundAndABadValueFailsNamingTheProperty() {
        assertThat(settings(Map.of()).maxProbesInFlight()).isEqualTo(ProbeAdmission.forThisMachine().limit());
        assertThat(settings(Map.of("mcpulse.probe.max-in-flight", "7")).maxProbesInFlight()).isEqualTo(7);
        assertThatThrownBy(() -> settings(Map.of("mcpulse.probe.max-in-flight", "0")))
                .rootCause().hasMessageContaining("mcpulse.probe.max-in-flight must be a positive whole number");
    }

    @Test
    void servicesExistOnlyWhereTheirPortsDo() {
        try (ApplicationContext context = ApplicationContext.builder().singletons(
                new InMemoryEndpointRegistry(), new InMemorySnapshotStore(), new InMemoryCycleLog()).start()) {
            assertThat(context.containsBean(FleetQuery.class)).isTrue();
            assertThat(context.containsBean(Scheduler.class)).as("no dispatcher, no scheduler").isFalse();
            assertThat(context.containsBean(EndpointChecker.class)).as("no prober, no checker").isFalse();
        }
        ProbeDispatcher dispatcher = shard -> { };
        try (ApplicationContext context = ApplicationContext.builder().singletons(
                new InMemoryEndpointRegistry(), new InMemorySnapshotStore(), new InMemoryCycleLog(), dispatcher).start()) {
            assertThat(context.getBean(Scheduler.class)).isNotNull();
            assertThat(context.getBean(EndpointRegistry.class)).isInstanceOf(InMemoryEndpointRegistry.class);
            assertThat(context.getBean(SnapshotStore.class)).isNotNull();
            assertThat(context.getBean(CycleLog.class)).isNotNull();
        }
    }
}
