package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/mcp/clients/{id}} and "check now": one endpoint, its recent checks (newest first) and uptime. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ClientDetailPayload(EndpointPayload endpoint, List<HistoryPayload> history, UptimePayload uptime) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryPayload(
            @JsonProperty("checked_at") String checkedAt,
            String outcome,
            boolean ok,
            @JsonProperty("http_status") @Nullable Integer httpStatus,
            @JsonProperty("latency_ms") long latencyMs) {
    }

    /** Over the checks in {@code history}; {@code percent} is null when there are none. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UptimePayload(int checks, int ok, @Nullable Double percent) {
    }
}
