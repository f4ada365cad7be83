package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.bearerEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.fullEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.minimalEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.Readiness;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EndpointItemMapperTest {

    static Endpoint[] endpoints() {
        return new Endpoint[] {minimalEndpoint("minimal"), fullEndpoint("full"), bearerEndpoint("bearer"),
                withAuth(bearerEndpoint("oauth-minimal"), new AuthRef.OAuthClientCredentials("probe",
                        new AuthRef.SecretRef("mcpulse/oauth", Optional.empty()), Optional.empty(),
                        AuthRef.TokenEndpointAuth.CLIENT_SECRET_BASIC, Optional.empty(), Optional.empty())),
                withAuth(bearerEndpoint("oauth-full"), new AuthRef.OAuthClientCredentials("probe",
                        new AuthRef.SecretRef("mcpulse/oauth-key", Optional.of("pem")), Optional.of("mcp:tools mcp:read"),
                        AuthRef.TokenEndpointAuth.PRIVATE_KEY_JWT, Optional.of("ES256"),
                        Optional.of(java.net.URI.create("https://login.example.com/tenant")))),
                withAuth(bearerEndpoint("sign-in-chain"), new AuthRef.OAuthDiscovery())};
    }

    private static Endpoint withAuth(Endpoint e, AuthRef auth) {
        return new Endpoint(e.id(), e.name(), e.labels(), e.url(), e.transport(), auth, e.timeout(), e.readiness(),
                e.enabled(), e.interval());
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void anEndpointSurvivesTheRoundTrip(Endpoint endpoint) {
        assertThat(EndpointItemMapper.fromItem(EndpointItemMapper.toItem(endpoint))).isEqualTo(endpoint);
    }

    @Test
    void theItemLivesInTheFleetPartitionOfItsIdUnderItsIdAndHoldsOnlyTheSecretReference() {
        Map<String, AttributeValue> item = EndpointItemMapper.toItem(fullEndpoint("payments"));

        // CRC-32("payments") mod 16 = 2: the partition is fixed by the id, in every process and release.
        assertThat(item.get("pk").s()).isEqualTo("FLEET#2");
        assertThat(item.get("sk").s()).isEqualTo("ENDPOINT#payments");
        assertThat(item.get("itemType").s()).isEqualTo("endpoint");
        assertThat(item.get("authType").s()).isEqualTo("header");
        assertThat(item.get("authHeader").s()).isEqualTo("X-Api-Key");
        assertThat(item.get("authSecret").s()).isEqualTo("mcpulse/prod/payments");
        assertThat(item.get("authKey").s()).isEqualTo("apiKey");
        assertThat(item.get("timeoutMs").n()).isEqualTo("8000");
        assertThat(item.get("enabled").bool()).isFalse();
        assertThat(item.get("readinessArguments").m().get("ratio").n()).isEqualTo("0.25");
    }

    @Test
    void anEndpointWithoutAuthOrReadinessStoresNoEmptyAttributes() {
        Map<String, AttributeValue> item = EndpointItemMapper.toItem(minimalEndpoint("plain"));

        assertThat(item).doesNotContainKeys("authSecret", "authKey", "authHeader", "readinessTool", "readinessArguments");
        assertThat(item.get("authType").s()).isEqualTo("none");
    }

    @Test
    void wholeNumbersComeBackAsTheNarrowestIntegerType() {
        Endpoint endpoint = minimalEndpoint("nums");
        Endpoint withArgs = new Endpoint(endpoint.id(), endpoint.name(), endpoint.labels(), endpoint.url(),
                endpoint.transport(), endpoint.auth(), endpoint.timeout(),
                Optional.of(new Readiness("t", Map.of("whole", 2.0, "huge", new java.math.BigInteger("123456789012345678901234")))),
                true);

        Map<String, Object> args = EndpointItemMapper.fromItem(EndpointItemMapper.toItem(withArgs)).readiness()
                .orElseThrow().arguments();

        assertThat(args).containsEntry("whole", 2).containsEntry("huge", new java.math.BigInteger("123456789012345678901234"));
    }

    @Test
    void anArgumentThatCannotBeStoredIsRefusedNamingItsPath() {
        Endpoint endpoint = minimalEndpoint("bad");
        Endpoint withArgs = new Endpoint(endpoint.id(), endpoint.name(), endpoint.labels(), endpoint.url(),
                endpoint.transport(), endpoint.auth(), endpoint.timeout(),
                Optional.of(new Readiness("t", Map.of("when", new java.util.Date(0)))), true);

        assertThatThrownBy(() -> EndpointItemMapper.toItem(withArgs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readiness.arguments.when is a Date, which cannot be stored");
    }

    @Test
    void aDamagedItemNamesItsKeyAndAttributeButNotTheValue() {
        Map<String, AttributeValue> item = new HashMap<>(EndpointItemMapper.toItem(minimalEndpoint("broken")));
        item.put("transport", AttributeValue.fromS("carrier-pigeon-XYZ"));

        assertThatThrownBy(() -> EndpointItemMapper.fromItem(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stored item FLEET#4/ENDPOINT#broken: attribute 'transport' holds an unknown code");
    }
}
