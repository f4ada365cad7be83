package dev.mcpulse.scheduler;

import dev.mcpulse.aws.AwsClientProperties;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The Lambda client's properties ({@code mcpulse.lambda.*}: the ones every AWS adapter shares). An asynchronous
 * Invoke answers at once; a shard that cannot be handed over is retried by the next cycle, so attempts stay few.
 */
@ConfigurationProperties(LambdaClientConfiguration.PREFIX)
public class LambdaClientConfiguration extends AwsClientProperties {

    public static final String PREFIX = "mcpulse.lambda";

    public LambdaClientConfiguration() {
        super(PREFIX, 3, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}
