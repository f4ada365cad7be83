package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /api/mcp/clients/{id}} and "check now": one endpoint, its recent checks (newest first) and uptime over
 * them. {@code history_continues}: {@code history} holds only the checks made after {@code history_after}, to add to
 * the checks the caller holds; false: it is the recent history, to replace them with.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ClientDetailPayload(EndpointPayload endpoint, List<HistoryPayload> history,
                                  @JsonProperty("history_continues") boolean historyContinues, UptimePayload uptime) {

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
