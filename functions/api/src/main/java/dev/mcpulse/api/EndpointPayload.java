package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpulse.domain.endpoint.AuthRef;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
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
        String transport,
        boolean enabled,
        AuthPayload auth,
        long timeoutMs,
        @Nullable ReadinessPayload readiness,
        @Nullable Long intervalSeconds,
        String status,
        String reason,
        boolean connected,
        @JsonProperty("last_outcome") @Nullable String lastOutcome,
        @JsonProperty("last_check_at") @Nullable String lastCheckAt,
        @JsonProperty("last_success_at") @Nullable String lastSuccessAt,
        @JsonProperty("last_error") @Nullable String lastError,
        @JsonProperty("failed_step") @Nullable String failedStep,
        @JsonProperty("http_status") @Nullable Integer httpStatus,
        @JsonProperty("latency_ms") @Nullable Long latencyMs,
        @JsonProperty("tools_count") @Nullable Integer toolsCount,
        @JsonProperty("tools_changed_at") @Nullable String toolsChangedAt,
        @Nullable String era,
        @JsonProperty("protocol_version") @Nullable String protocolVersion,
        @Nullable ServerPayload server,
        @JsonProperty("consecutive_failures") int consecutiveFailures,
        @JsonProperty("consecutive_auth_failures") int consecutiveAuthFailures,
        @JsonProperty("next_probe_after") @Nullable String nextProbeAfter,
        @JsonProperty("stale_after") @Nullable String staleAfter,
        @JsonProperty("token_expires_at") @Nullable String tokenExpiresAt) {

    /**
     * How the endpoint authenticates: a reference to where the secret lives, never the secret. As a fleet file
     * writes it; a key that does not apply to the type is null, which PUT reads as absent.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuthPayload(
            String type,
            @Nullable String secret,
            @Nullable String key,
            @Nullable String name,
            @Nullable String clientId,
            @Nullable String scope,
            @Nullable String tokenEndpointAuth,
            @Nullable String signingAlg,
            @Nullable String authorizationServer) {

        AuthPayload(String type, String secret, String key, String name) {
            this(type, secret, key, name, null, null, null, null, null);
        }
    }

    /** The tool called to prove the server works, and its arguments, as a fleet file writes them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReadinessPayload(
            String tool,
            Map<String, Object> arguments) {
    }

    /** What the server said about itself (serverInfo). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ServerPayload(@Nullable String name, @Nullable String version) {
    }
}
