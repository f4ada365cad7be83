package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpulse.domain.endpoint.AuthRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * One endpoint as the API shows it: its registry entry, its derived status and what its latest check saw. The key
 * set is a stable contract (DESIGN section 6): every key is always present, null when unknown; new keys are additive.
 * Timestamps are ISO-8601 instants in UTC.
 *
 * <p>The entry's own fields ({@code id} to {@code intervalSeconds}) are named and shaped exactly as a fleet file and
 * {@code PUT /api/mcp/endpoints/{id}} take them, so an entry read here can be written back unchanged; the fields a
 * check produces ({@code status} onwards) are read-only and keep the API's snake_case.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EndpointPayload(
        String id,
        String name,
        Map<String, String> labels,
        String url,
        @Schema(allowableValues = {"auto", "streamable-http", "sse"}) String transport,
        boolean enabled,
        AuthPayload auth,
        long timeoutMs,
        @Nullable ReadinessPayload readiness,
        @Nullable @Schema(description = "the endpoint's own cadence; null when it follows the fleet's") Long intervalSeconds,
        @Schema(allowableValues = {"connected", "configured_but_unconnected", "unhealthy"}) String status,
        @Schema(description = "why the endpoint has its status: the last outcome, or never_checked, stale or paused."
                + " The OAuth outcomes say which link of the sign-in chain broke: auth_server_refused (the authorization"
                + " server refused the client; last_error keeps the OAuth error, e.g. invalid_client), auth_discovery_failed"
                + " (protected resource or authorization server metadata missing, malformed, mismatched or refused),"
                + " auth_server_unreachable (the token endpoint is down or erroring)",
                allowableValues = {"ok", "auth_missing", "auth_rejected", "auth_insufficient_scope", "auth_server_refused", "auth_discovery_failed", "auth_server_unreachable", "timeout", "unreachable", "http_error", "protocol_error", "rpc_error", "tool_error", "never_checked", "stale", "paused"}) String reason,
        boolean connected,
        @JsonProperty("last_outcome") @Nullable @Schema(allowableValues = {"ok", "auth_missing", "auth_rejected", "auth_insufficient_scope", "auth_server_refused", "auth_discovery_failed", "auth_server_unreachable", "timeout", "unreachable", "http_error", "protocol_error", "rpc_error", "tool_error"}) String lastOutcome,
        @JsonProperty("last_check_at") @Nullable @Schema(format = "date-time") String lastCheckAt,
        @JsonProperty("last_success_at") @Nullable @Schema(format = "date-time") String lastSuccessAt,
        @JsonProperty("last_error") @Nullable String lastError,
        @JsonProperty("failed_step") @Nullable @Schema(allowableValues = {"resolve_secret", "auth_discovery", "token",
                "discover", "initialize", "sse_connect", "tools_list", "tool_call"}) String failedStep,
        @JsonProperty("http_status") @Nullable Integer httpStatus,
        @JsonProperty("latency_ms") @Nullable Long latencyMs,
        @JsonProperty("tools_count") @Nullable Integer toolsCount,
        @JsonProperty("tools_changed_at") @Nullable @Schema(format = "date-time") String toolsChangedAt,
        @Nullable String era,
        @JsonProperty("protocol_version") @Nullable String protocolVersion,
        @Nullable ServerPayload server,
        @JsonProperty("consecutive_failures") int consecutiveFailures,
        @JsonProperty("consecutive_auth_failures") int consecutiveAuthFailures,
        @JsonProperty("next_probe_after") @Nullable @Schema(format = "date-time") String nextProbeAfter,
        @JsonProperty("stale_after") @Nullable @Schema(format = "date-time") String staleAfter,
        @JsonProperty("token_expires_at") @Nullable @Schema(format = "date-time", description = "type"
                + " oauth-client-credentials: when the access token the latest check used (and the probe reuses until"
                + " shortly before) expires; null without one. Never the token") String tokenExpiresAt) {

    /**
     * How the endpoint authenticates: a reference to where the secret lives, never the secret. As a fleet file
     * writes it; a key that does not apply to the type is null, which PUT reads as absent.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuthPayload(
            @Schema(allowableValues = {AuthRef.NONE, AuthRef.BEARER, AuthRef.HEADER, AuthRef.OAUTH_CLIENT_CREDENTIALS,
                    AuthRef.OAUTH_DISCOVERY}) String type,
            @Nullable @Schema(description = "Secrets Manager name or ARN (for OAuth: of the client secret, or of the PEM"
                    + " private key for private_key_jwt)") String secret,
            @Nullable @Schema(description = "key inside a JSON secret") String key,
            @Nullable @Schema(description = "header name, for type header") String name,
            @Nullable @Schema(description = "OAuth client id, for type oauth-client-credentials") String clientId,
            @Nullable @Schema(description = "OAuth scopes to request (space-separated); else the server's challenge or"
                    + " scopes_supported decides") String scope,
            @Nullable @Schema(allowableValues = {"client_secret_basic", "client_secret_post", "private_key_jwt"},
                    description = "how the client authenticates at the token endpoint") String tokenEndpointAuth,
            @Nullable @Schema(description = "JWS algorithm of the private_key_jwt client assertion") String signingAlg,
            @Nullable @Schema(description = "issuer URL to use instead of the one the protected resource metadata names")
            String authorizationServer) {

        AuthPayload(String type, String secret, String key, String name) {
            this(type, secret, key, name, null, null, null, null, null);
        }
    }

    /** The tool called to prove the server works, and its arguments, as a fleet file writes them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReadinessPayload(
            String tool,
            @Schema(description = "the tool call's arguments (plain JSON values)") Map<String, Object> arguments) {
    }

    /** What the server said about itself (serverInfo). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServerPayload(@Nullable String name, @Nullable String version) {
    }
}
