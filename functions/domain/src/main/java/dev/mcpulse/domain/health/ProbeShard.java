package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One unit of fan-out: the endpoints one probe invocation checks. {@code startDelay} spreads the shards of a
 * cycle over the jitter window so a large fleet does not hit shared upstreams in one burst; the dispatcher delays the
 * hand-over by it (SQS's per-message delay on AWS), so no probe invocation waits it out.
 */
public record ProbeShard(Instant cycleStartedAt, int shardIndex, List<EndpointId> endpointIds, Duration startDelay) {
    public ProbeShard {
        endpointIds = List.copyOf(endpointIds);
    }
}
