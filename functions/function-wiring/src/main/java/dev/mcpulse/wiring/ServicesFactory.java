package dev.mcpulse.wiring;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.HostnameCheck;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.MetricsSink;
import dev.mcpulse.domain.port.ProbeDispatcher;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.port.StatusChangePublisher;
import dev.mcpulse.domain.service.EndpointChecker;
import dev.mcpulse.domain.service.ProbeAdmission;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.domain.service.RegistryEditor;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.domain.service.ShardProbe;
import dev.mcpulse.domain.service.StallMonitor;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The domain services as beans. Each exists only where its ports do, so a function's context holds just what
 * that function uses: the scheduler has no prober, the probe function no dispatcher.
 */
@Factory
public class ServicesFactory {

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

    /**
     * CloudWatch embedded metric format lines on standard output, with the function's name as the one dimension: in a
     * Lambda function ({@code AWS_LAMBDA_FUNCTION_NAME}), or wherever {@value #METRICS_FUNCTION_NAME} names one.
     * Elsewhere (the local runner) metrics are off, and wherever {@value #METRICS_ENABLED} is false (the template's
     * {@code PublishMetrics}): CloudWatch bills each custom metric $0.30 a month, about $3 for a steady fleet's ten
     * whatever its size, which a small fleet may rather save, watching its dashboard, logs and AWS's own metrics.
     */
    @Singleton
    @Requires(missingBeans = MetricsSink.class)
    MetricsSink metricsSink(Environment environment, Clock clock, BeanProvider<EmfMetricsSink.Output> output) {
        if (!environment.getProperty(METRICS_ENABLED, Boolean.class, true)) {
            return MetricsSink.NONE;
        }
        Optional<String> functionName = environment.getProperty(METRICS_FUNCTION_NAME, String.class)
                .or(() -> environment.getProperty(LAMBDA_FUNCTION_NAME, String.class))
                .filter(name -> !name.isBlank());
        if (functionName.isEmpty()) {
            return MetricsSink.NONE;
        }
        return new EmfMetricsSink(Map.of(EmfMetricsSink.FUNCTION_NAME_DIMENSION, functionName.get()), clock,
                output.find(null).orElse(EmfMetricsSink.Output.STANDARD_OUTPUT));
    }

    /** Overrides the function name of the metrics' dimension (and turns metrics on outside Lambda). */
    static final String METRICS_FUNCTION_NAME = "mcpulse.metrics.function-name";
    /** {@code false} sends no custom metrics at all (set from the template's {@code PublishMetrics}). */
    static final String METRICS_ENABLED = "mcpulse.metrics.enabled";
    /** {@code AWS_LAMBDA_FUNCTION_NAME}, set by Lambda in every function. */
    static final String LAMBDA_FUNCTION_NAME = "aws.lambda.function.name";

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
                                    MonitorSettings settings, MetricsSink metrics, Optional<LocalLoad> load) {
        // The load tells a server's timeout from mcpulse's own overload; the prober provides one that watches its
        // event loops, and any other prober is judged by the process monitor alone.
        return new EndpointChecker(secrets, prober, snapshots, policy, publisher, clock, settings.interval(),
                new ProbeAdmission(settings.maxProbesInFlight()), metrics, load.orElseGet(StallMonitor::shared));
    }

    /** Registry edits, wherever the function has a registry and a save-time host check (the api, the local runner). */
    @Singleton
    @Requires(beans = {EndpointRegistry.class, SnapshotStore.class, HostnameCheck.class})
    RegistryEditor registryEditor(EndpointRegistry registry, SnapshotStore snapshots, HostnameCheck hostnames,
                                  BeanProvider<EndpointChecker> checker, Clock clock) {
        // The prober is built on the first validation, not with the registry routes (cold start).
        return new RegistryEditor(registry, snapshots, hostnames,
                () -> checker.isPresent() ? Optional.of(checker.get()) : Optional.empty(), clock);
    }

    @Singleton
    @Requires(beans = {EndpointRegistry.class, EndpointChecker.class})
    ShardProbe shardProbe(EndpointRegistry registry, EndpointChecker checker) {
        return new ShardProbe(registry, checker);
    }

    @Singleton
    @Requires(beans = {EndpointRegistry.class, SnapshotStore.class, ProbeDispatcher.class, CycleLog.class})
    Scheduler scheduler(EndpointRegistry registry, SnapshotStore snapshots, ProbeDispatcher dispatcher,
                        CycleLog cycles, Clock clock, MonitorSettings settings, MetricsSink metrics) {
        return new Scheduler(registry, snapshots, dispatcher, cycles, clock, settings.scheduler(), metrics);
    }
}
