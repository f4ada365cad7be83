package dev.mcpulse.eventbridge;

import dev.mcpulse.aws.AwsClientProperties;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The EventBridge client's properties ({@code mcpulse.eventbridge.*}: the ones every AWS adapter shares). A publish
 * happens once per status change, inside a probe's or a "check now"'s time: few attempts, short pauses.
 */
@ConfigurationProperties(EventBridgeConfiguration.PREFIX)
public class EventBridgeConfiguration extends AwsClientProperties {

    public static final String PREFIX = "mcpulse.eventbridge";

    public EventBridgeConfiguration() {
        super(PREFIX, 3, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(3));
    }
}
