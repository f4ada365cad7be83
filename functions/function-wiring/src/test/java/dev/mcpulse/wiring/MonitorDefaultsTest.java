package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.service.ProbeAdmission;
import dev.mcpulse.domain.service.Scheduler;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a deployment that sets nothing gets: a 5-minute cycle, shards of 25, no jitter, the cloud's URL rules. */
@MicronautTest(startApplication = false)
class MonitorDefaultsTest {

    @Inject
    MonitorSettings settings;

    @Test
    void defaultsAreFiveMinutesShardsOf25NoJitterAndTheCloudRules() {
        assertThat(settings.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.scheduler()).isEqualTo(new Scheduler.Settings(Duration.ofMinutes(5), 25, Duration.ZERO));
        assertThat(settings.urlPolicy()).isEqualTo(UrlPolicy.cloud());
        assertThat(settings.maxProbesInFlight()).isEqualTo(ProbeAdmission.forThisMachine().limit());
    }
}
