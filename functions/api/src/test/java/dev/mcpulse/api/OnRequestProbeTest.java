package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnRequestProbeTest {

    static Endpoint endpoint(Duration timeout) {
        return new Endpoint(new EndpointId("slow-1"), "Slow", Map.of("team", "a"), URI.create("https://mcp.example.com/mcp"),
                Transport.AUTO, new AuthRef.None(), timeout, Optional.empty(), true, Optional.of(Duration.ofMinutes(10)));
    }

    @Test
    void aDeadlineLongerThanTheGatewayAllowsIsCutAndNothingElseChanges() {
        Endpoint longest = endpoint(Endpoint.MAX_TIMEOUT);

        Endpoint onRequest = OnRequestProbe.withinGatewayLimit(longest);

        assertThat(onRequest.timeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(onRequest).usingRecursiveComparison().ignoringFields("timeout").isEqualTo(longest);
    }

    @Test
    void aDeadlineWithinTheLimitIsKept() {
        Endpoint usual = endpoint(Endpoint.DEFAULT_TIMEOUT);

        assertThat(OnRequestProbe.withinGatewayLimit(usual)).isSameAs(usual);
        assertThat(OnRequestProbe.withinGatewayLimit(endpoint(Duration.ofSeconds(25))).timeout())
                .isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void aRetryOnRequestOnlyEverRunsWithinTheGatewaysThirtySeconds() {
        // the budget bounds the first attempt and any retry (each given only while a whole deadline still fits it)
        assertThat(OnRequestProbe.BUDGET).isGreaterThanOrEqualTo(OnRequestProbe.DEADLINE_LIMIT.plusSeconds(2))
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void theLimitLeavesRoomForTheOverrunAllowanceAndTheStoreWithinTheGatewaysThirtySeconds() {
        assertThat(OnRequestProbe.DEADLINE_LIMIT.plusSeconds(2)).isLessThan(Duration.ofSeconds(30));
    }
}
