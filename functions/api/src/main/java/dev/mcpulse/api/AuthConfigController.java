package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;

/**
 * How the dashboard signs in: {@code token} (no issuer configured: the local admin token), or {@code oidc} with the
 * public facts an authorization-code + PKCE sign-in needs — the dashboard's client id, the issuer's authorization and
 * token endpoints, the scope to ask for. Part of the sign-in shell: nothing here is a secret.
 */
@Singleton
class AuthConfigController {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignIn(String mode, @Nullable @JsonProperty("client_id") String clientId,
                  @Nullable @JsonProperty("authorization_endpoint") String authorizationEndpoint,
                  @Nullable @JsonProperty("token_endpoint") String tokenEndpoint, @Nullable String scope) {
    }

    private final AuthSettings settings;
    private final OidcTokenVerifier verifier;

    AuthConfigController(AuthSettings settings, OidcTokenVerifier verifier) {
        this.settings = settings;
        this.verifier = verifier;
    }

    /** {@code GET /api/auth/config}. */
    Reply config() {
        if (!verifier.enabled()) {
            return Reply.ok(new SignIn("token", null, null, null, null));
        }
        String clientId = settings.oidc().flatMap(AuthSettings.Oidc::dashboardClientId).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, ApiError.of("not_configured",
                        "the dashboard has no sign-in client: set " + AuthSettings.DASHBOARD_CLIENT_PROPERTY)));
        OidcTokenVerifier.Metadata metadata;
        try {
            metadata = verifier.metadata();
        } catch (IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of("auth_unavailable",
                    "the identity provider's discovery document could not be read; try again shortly"));
        }
        return Reply.ok(new SignIn("oidc", clientId,
                metadata.authorizationEndpoint().map(URI::toString).orElse(null),
                metadata.tokenEndpoint().map(URI::toString).orElse(null),
                "openid " + settings.adminScope()));
    }
}
