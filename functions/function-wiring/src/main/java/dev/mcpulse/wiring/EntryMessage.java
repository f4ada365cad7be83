package dev.mcpulse.wiring;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A registry entry in a shard message, field for field as the registry holds it: the auth part is a reference (a
 * secret's id and JSON key), never a value. A probe function of the release before leaves the field aside, as any
 * unknown one, and reads its entries (ShardRequestTest).
 */
@Serdeable
public record EntryMessage(String id, String name, Map<String, String> labels, String url, String transport,
                           Auth auth, long timeoutMs, @Nullable String readinessTool,
                           @Nullable Map<String, Object> readinessArguments, boolean enabled,
                           @Nullable Long intervalSeconds) {

    /** The auth reference's parts; {@code type} is {@link AuthRef#type()}. */
    @Serdeable
    public record Auth(String type, @Nullable String secretId, @Nullable String jsonKey, @Nullable String header,
                       @Nullable String clientId, @Nullable String scope, @Nullable String tokenEndpointAuth,
                       @Nullable String signingAlg, @Nullable String authorizationServer) {

        static Auth of(AuthRef auth) {
            return switch (auth) {
                case AuthRef.None none -> new Auth(auth.type(), null, null, null, null, null, null, null, null);
                case AuthRef.OAuthDiscovery discovery ->
                        new Auth(auth.type(), null, null, null, null, null, null, null, null);
                case AuthRef.Bearer bearer -> new Auth(auth.type(), bearer.secretRef().secretId(),
                        bearer.secretRef().jsonKey().orElse(null), null, null, null, null, null, null);
                case AuthRef.Header header -> new Auth(auth.type(), header.secretRef().secretId(),
                        header.secretRef().jsonKey().orElse(null), header.headerName(), null, null, null, null, null);
                case AuthRef.OAuthClientCredentials oauth -> new Auth(auth.type(),
                        oauth.secretRef().secretId(), oauth.secretRef().jsonKey().orElse(null), null, oauth.clientId(),
                        oauth.scope().orElse(null), oauth.tokenEndpointAuth().wireName(),
                        oauth.signingAlg().orElse(null), oauth.authorizationServer().map(URI::toString).orElse(null));
            };
        }

        AuthRef toAuthRef() {
            return switch (type) {
                case AuthRef.NONE -> new AuthRef.None();
                case AuthRef.OAUTH_DISCOVERY -> new AuthRef.OAuthDiscovery();
                case AuthRef.BEARER -> new AuthRef.Bearer(secretRef());
                case AuthRef.HEADER -> new AuthRef.Header(required(header, "header"), secretRef());
                case AuthRef.OAUTH_CLIENT_CREDENTIALS -> new AuthRef.OAuthClientCredentials(required(clientId, "clientId"),
                        secretRef(), Optional.ofNullable(scope),
                        AuthRef.TokenEndpointAuth.fromWireName(required(tokenEndpointAuth, "tokenEndpointAuth"))
                                .orElseThrow(() -> new IllegalArgumentException("unknown tokenEndpointAuth")),
                        Optional.ofNullable(signingAlg), Optional.ofNullable(authorizationServer).map(URI::create));
                default -> throw new IllegalArgumentException("unknown auth type");
            };
        }

        private SecretRef secretRef() {
            return new SecretRef(required(secretId, "secretId"), Optional.ofNullable(jsonKey));
        }
    }

    public static EntryMessage of(Endpoint endpoint) {
        return new EntryMessage(endpoint.id().value(), endpoint.name(), endpoint.labels(), endpoint.url().toString(),
                endpoint.transport().wireName(), Auth.of(endpoint.auth()), endpoint.timeout().toMillis(),
                endpoint.readiness().map(Readiness::tool).orElse(null),
                endpoint.readiness().map(Readiness::arguments).orElse(null), endpoint.enabled(),
                endpoint.interval().map(Duration::toSeconds).orElse(null));
    }

    /** The entry; throws {@link IllegalArgumentException} (or what the domain's constructors throw) on a damaged one. */
    public Endpoint toEndpoint() {
        return new Endpoint(
                EndpointId.parse(required(id, "id")).orElseThrow(() -> new IllegalArgumentException("bad id")),
                required(name, "name"),
                labels == null ? Map.of() : labels,
                URI.create(required(url, "url")),
                Transport.fromWireName(required(transport, "transport"))
                        .orElseThrow(() -> new IllegalArgumentException("unknown transport")),
                required(auth, "auth").toAuthRef(),
                Duration.ofMillis(timeoutMs),
                Optional.ofNullable(readinessTool).map(tool -> new Readiness(tool,
                        readinessArguments == null ? Map.of() : readinessArguments)),
                enabled,
                Optional.ofNullable(intervalSeconds).map(Duration::ofSeconds));
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("entry field " + field + " is missing");
        }
        return value;
    }
}
