package dev.mcpulse.probe;

import com.amazonaws.services.lambda.runtime.Context;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.service.ShardProbe;
import dev.mcpulse.wiring.LambdaInitialization;
import dev.mcpulse.wiring.ShardRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Lambda entry for one shard, invoked asynchronously by the scheduler. Throws only when the payload is not a
 * shard or snapshots could not be stored, so Lambda's retries and dead-letter queue apply to exactly those.
 */
public class ProbeHandler extends MicronautRequestHandler<ShardRequest, ShardSummary> {

    @Inject
    ShardProbe shardProbe;

    /** Used by Lambda. */
    public ProbeHandler() {
    }

    /** Used by tests, which bring their own context. */
    public ProbeHandler(ApplicationContext context) {
        super(context);
    }

    /** An on-demand cold start builds only what the event needs; see {@link LambdaInitialization}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return LambdaInitialization.contextBuilder(System.getenv());
    }

    @Override
    public ShardSummary execute(ShardRequest request) {
        ProbeShard shard = request.toShard()
                .orElseThrow(() -> new IllegalArgumentException("the payload is not a shard request from the scheduler"));
        Duration remaining = getApplicationContext().findBean(Context.class)
                .map(context -> Duration.ofMillis(context.getRemainingTimeInMillis()))
                .orElse(ShardProbe.INVOCATION_TIME); // a direct call, without a Lambda context
        return ShardSummary.of(shardProbe.run(shard, remaining));
    }
}
