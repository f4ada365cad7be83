package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.service.EndpointChecker;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /api/mcp/endpoints:validate}: the entry is valid, and this is what one probe of it saw and the status
 * it would have. Nothing was stored.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ValidationPayload(
        String id,
        boolean valid,
        String status,
        String reason,
        String outcome,
        @Nullable String error,
        @JsonProperty("failed_step") @Nullable String failedStep,
        @JsonProperty("http_status") @Nullable Integer httpStatus,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("tools_count") @Nullable Integer toolsCount,
        @Nullable String era,
        @JsonProperty("protocol_version") @Nullable String protocolVersion,
        @Nullable EndpointPayload.ServerPayload server,
        @JsonProperty("checked_at") String checkedAt) {

    /** What a trial probe of {@code endpoint} saw; the snapshot it built lives only for this answer. */
    static ValidationPayload of(Endpoint endpoint, EndpointChecker.Trial trial) {
        HealthSnapshot seen = trial.seen();
        return new ValidationPayload(
                endpoint.id().value(),
                true,
                trial.status().status().code(),
                trial.status().reason().code(),
                seen.outcome().code(),
                seen.lastError().orElse(null),
                seen.failedStep().map(ProbeStep::code).orElse(null),
                seen.httpStatus().orElse(null),
                seen.latency().totalMs(),
                seen.toolsCount().orElse(null),
                seen.era().map(Era::code).orElse(null),
                seen.protocolVersion().orElse(null),
                Payloads.server(seen).orElse(null),
                seen.checkedAt().toString());
    }
}
