package dev.mcpulse.wiring;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeIntervalSetting;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.service.ProbeAdmission;
import dev.mcpulse.domain.service.Scheduler;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's settings, read once from configuration (environment variables on Lambda, flags locally).
 * The probe interval follows DESIGN section 5: a bad value warns and falls back; the other settings fail fast
 * with a message naming the property, because a wrong shard size or jitter is a deployment mistake. A jitter window
 * too long for the interval is bounded with a warning instead: it is a valid value that would hide a missed cycle.
 */
@Singleton
public final class MonitorSettings {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorSettings.class);

    /** {@code MCPULSE_PROBE_INTERVAL_SECONDS}, as Micronaut maps environment variables to properties. */
    static final String INTERVAL_PROPERTY = "mcpulse.probe.interval.seconds";
    static final String SHARD_SIZE_PROPERTY = "mcpulse.shard.size";
    static final String JITTER_PROPERTY = "mcpulse.jitter.seconds";
    static final String LOCAL_MODE_PROPERTY = "mcpulse.local.mode";
    /** Probes in flight in one process (ProbeAdmission); by default from the processors this container has. */
    static final String MAX_IN_FLIGHT_PROPERTY = "mcpulse.probe.max-in-flight";

    private final Duration interval;
    private final int shardSize;
    private final Duration jitter;
    private final boolean localMode;
    private final int maxProbesInFlight;

    public MonitorSettings(Environment environment) {
        this.interval = ProbeIntervalSetting.parse(
                environment.getProperty(INTERVAL_PROPERTY, String.class).orElse(null), LOG::warn);
        this.shardSize = positiveInt(environment, SHARD_SIZE_PROPERTY, 25);
        this.jitter = usableJitter(Duration.ofSeconds(nonNegativeInt(environment, JITTER_PROPERTY, 0)), interval);
        this.localMode = environment.getProperty(LOCAL_MODE_PROPERTY, Boolean.class).orElse(false);
        this.maxProbesInFlight = positiveInt(environment, MAX_IN_FLIGHT_PROPERTY, ProbeAdmission.forThisMachine().limit());
    }

    public Duration interval() {
        return interval;
    }

    /** How late a check may come before its endpoint shows stale, beyond its deadline: it grows with the jitter. */
    public Duration grace() {
        return StatusPolicy.graceFor(jitter);
    }

    public int maxProbesInFlight() {
        return maxProbesInFlight;
    }

    public Scheduler.Settings scheduler() {
        return new Scheduler.Settings(interval, shardSize, jitter);
    }

    /** Locally, plain http and loopback endpoints are allowed; on AWS only https to ordinary hosts. */
    public UrlPolicy urlPolicy() {
        return localMode ? UrlPolicy.local() : UrlPolicy.cloud();
    }

    /** The configured window, bounded so that one missed cycle still shows as stale; a bounded window is named once. */
    private static Duration usableJitter(Duration configured, Duration interval) {
        Duration usable = StatusPolicy.jitterWindowWithin(configured, interval);
        if (!usable.equals(configured)) {
            LOG.warn("{}={} is too long for a {} s probe interval; using {} s so that a missed cycle still shows as stale",
                    JITTER_PROPERTY, configured.toSeconds(), interval.toSeconds(), usable.toSeconds());
        }
        return usable;
    }

    private static int positiveInt(Environment environment, String property, int fallback) {
        int value = nonNegativeInt(environment, property, fallback);
        if (value == 0) {
            throw new IllegalStateException(property + " must be a positive whole number, was 0");
        }
        return value;
    }

    private static int nonNegativeInt(Environment environment, String property, int fallback) {
        String raw = environment.getProperty(property, String.class).orElse(null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(property + " must be a whole number of at least 0, was \"" + raw + "\"");
        }
    }
}
