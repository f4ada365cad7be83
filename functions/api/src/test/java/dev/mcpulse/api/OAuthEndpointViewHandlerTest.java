package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An OAuth endpoint as the API shows it: its auth type and, for client credentials, when the access token of its
 * latest check expires — never the token; and the token step of that check kept with the snapshot.
 */
class OAuthEndpointViewHandlerTest {

    private static ApiHarness api;
    private static Instant expiresAt;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        api.clearFleet();
        api.register(Seed.entry("oauth-billing", "auth", Map.of("type", "oauth-client-credentials", "clientId", "probe",
                "secret", "mcpulse/billing-client", "tokenEndpointAuth", "client_secret_post")));
        api.register(Seed.entry("public-docs", "auth", Map.of("type", "oauth-discovery")));
        expiresAt = Instant.now().plus(Duration.ofMinutes(55)).truncatedTo(ChronoUnit.SECONDS);
        new Seed(api).checked("oauth-billing", new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200),
                Optional.of(Era.LEGACY_STREAMABLE_HTTP), Optional.of("2025-11-25"), Optional.of("billing"), Optional.of("2.0"),
                Optional.of(4), Optional.of("tools-hash-4"),
                new Latency(Optional.of(9L), Optional.of(5L), Optional.empty(), 52, Optional.of(31L)),
                Optional.of(expiresAt)), Duration.ofSeconds(5));
        new Seed(api).checked("public-docs", Seed.healthy(0), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aClientCredentialsEndpointShowsItsAuthTypeAndWhenItsTokenExpires() {
        Map<String, Object> endpoint = endpoint("oauth-billing");

        assertThat(map(endpoint.get("auth"))).containsEntry("type", "oauth-client-credentials")
                .containsEntry("clientId", "probe").containsEntry("secret", "mcpulse/billing-client")
                .containsEntry("tokenEndpointAuth", "client_secret_post");
        assertThat(endpoint.get("token_expires_at")).isEqualTo(expiresAt.toString());
        assertThat(api.bean(SnapshotStore.class).latest(new EndpointId("oauth-billing")).orElseThrow().latency().tokenMs())
                .contains(31L);
    }

    @Test
    void anEndpointWithoutAnAccessTokenShowsNoExpiry() {
        Map<String, Object> endpoint = endpoint("public-docs");

        assertThat(map(endpoint.get("auth"))).containsEntry("type", "oauth-discovery");
        assertThat(endpoint).containsKey("token_expires_at");
        assertThat(endpoint.get("token_expires_at")).isNull();
    }

    private static Map<String, Object> endpoint(String id) {
        Map<String, Object> body = api.parse(api.request("list-clients.json").send().body());
        return ReadRoutesHandlerTest.endpoints(body).stream().filter(e -> id.equals(e.get("id"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
