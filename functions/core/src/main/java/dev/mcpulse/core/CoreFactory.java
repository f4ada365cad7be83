package dev.mcpulse.core;

import dev.mcpulse.domain.StatusPolicy;
import dev.mcpulse.domain.UrlPolicy;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.port.StatusChangePublisher;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.domain.service.ShardProbe;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The domain services as beans. Each exists only where its ports do, so a function's context holds just what
 * that function uses: the scheduler has no prober, the probe function no dispatcher.
 */
@Factory
public class CoreFactory {

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Which endpoint URLs are accepted, and where the probe may connect: local mode allows http and loopback. */
    @Singleton
    UrlPolicy urlPolicy(MonitorSettings settings) {
        return settings.urlPolicy();
    }

    @Singleton
    StatusPolicy statusPolicy(Clock clock, MonitorSettings settings) {
        return new StatusPolicy(clock, settings.grace());
    }

    @Singleton
    @Requires(missingBeans = StatusChangePublisher.class)
    StatusChangePublisher noStatusChangePublisher() {
        return StatusChangePublisher.NONE;
    }

    @Singleton
    @Requires(beans = {EndpointRegistry.class, SnapshotStore.class, CycleLog.class})
    FleetQuery fleetQuery(EndpointRegistry registry, SnapshotStore snapshots, CycleLog cycles, StatusPolicy policy,
                          Clock clock, MonitorSettings settings) {
        return new FleetQuery(registry, snapshots, cycles, policy, clock, settings.interval(), settings.grace());
    }

    @Singleton
    @Requires(beans = {SecretResolver.class, Prober.class, SnapshotStore.class})
    EndpointChecker endpointChecker(SecretResolver secrets, Prober prober, SnapshotStore snapshots,
                                    StatusPolicy policy, StatusChangePublisher publisher, Clock clock,
                                    MonitorSettings settings) {
        return new EndpointChecker(secrets, prober, snapshots, policy, publisher, clock, settings.interval());
    }

    @Singleton
    @Requires(beans = {EndpointRegistry.class, EndpointChecker.class})
    ShardProbe shardProbe(EndpointRegistry registry, EndpointChecker checker) {
        return new ShardProbe(registry, checker, ShardProbe.Sleeper.THREAD);
    }

    @Singleton
    @Requires(beans = {EndpointRegistry.class, SnapshotStore.class, ProbeDispatcher.class, CycleLog.class})
    Scheduler scheduler(EndpointRegistry registry, SnapshotStore snapshots, ProbeDispatcher dispatcher,
                        CycleLog cycles, Clock clock, MonitorSettings settings) {
        return new Scheduler(registry, snapshots, dispatcher, cycles, clock, settings.scheduler());
    }
}
