package dev.mcpulse.scheduler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.mcpulse.domain.service.Scheduler;
import dev.mcpulse.storage.dynamodb.LegacyFleetMigration;
import dev.mcpulse.wiring.LambdaInitialization;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * Lambda entry for the EventBridge schedule: one scheduler cycle per event. Micronaut puts the request id in the
 * logging MDC ({@code AWSRequestId}), so every JSON log line of the cycle carries it.
 */
public class SchedulerHandler extends MicronautRequestHandler<ScheduledEvent, CycleSummary> {

    @Inject
    Scheduler scheduler;

    @Inject
    LegacyFleetMigration legacyFleet;

    /** Used by Lambda. */
    public SchedulerHandler() {
    }

    /** Used by tests, which bring their own context. */
    public SchedulerHandler(ApplicationContext context) {
        super(context);
    }

    /** An on-demand cold start builds only what the event needs; see {@link LambdaInitialization}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaInitialization.contextBuilder(System.getenv());
    }

    @Override
    public CycleSummary execute(ScheduledEvent event) {
        // Before the cycle reads the registry, so entries an older release stored are listed (a bounded step).
        legacyFleet.runBeforeCycle();
        return CycleSummary.of(scheduler.runCycle());
    }
}
