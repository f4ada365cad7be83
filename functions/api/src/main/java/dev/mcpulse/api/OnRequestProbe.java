package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.Endpoint;
import java.time.Duration;

/**
 * A probe made while a client waits ("check now", validate) must answer before API Gateway's HTTP API gives up on
 * the integration at 30 s (a hard limit), or the client gets the gateway's 503 and never sees the result. An
 * endpoint's deadline may be 30 s; on request it is cut to 25 s, leaving room for the checker's 2 s overrun
 * allowance and the store writes. The scheduled probes keep the endpoint's full deadline.
 */
final class OnRequestProbe {

    static final Duration DEADLINE_LIMIT = Duration.ofSeconds(25);
    /**
     * The time a check on request may take, retries of a probe spoiled by mcpulse's own overload included: the
     * deadline and its overrun allowance, so a retry runs only while a whole deadline still fits before the gateway
     * gives up (a spoiled check that cannot be retried in time is a 503 "overloaded", never a verdict).
     */
    static final Duration BUDGET = DEADLINE_LIMIT.plusSeconds(2);

    private OnRequestProbe() {
    }

    static Endpoint withinGatewayLimit(Endpoint endpoint) {
        return endpoint.withTimeoutAtMost(DEADLINE_LIMIT);
    }
}
