package dev.mcpulse.scheduler;

import dev.mcpulse.aws.AwsClientProperties;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The SQS client's properties ({@code mcpulse.sqs.*}: the ones every AWS adapter shares). A batch send answers at
 * once; a shard that cannot be handed over is counted, logged and sent again by the next cycle, so attempts stay few.
 */
@ConfigurationProperties(SqsClientConfiguration.PREFIX)
public class SqsClientConfiguration extends AwsClientProperties {

    public static final String PREFIX = "mcpulse.sqs";

    public SqsClientConfiguration() {
        super(PREFIX, 3, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}
