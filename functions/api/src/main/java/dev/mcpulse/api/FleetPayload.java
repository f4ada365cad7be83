package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** {@code GET /api/mcp/clients}: the (filtered) fleet, a summary of those rows and the scheduler's own freshness. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FleetPayload(
        List<EndpointPayload> endpoints,
        SummaryPayload summary,
        SchedulerPayload scheduler,
        @JsonProperty("generated_at") @Schema(format = "date-time") String generatedAt) {

    /** Counts over the listed rows: per status (every status present, 0 when none) and how many are stale. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SummaryPayload(int total, @JsonProperty("by_status") Map<String, Integer> byStatus, int stale) {
    }

    /** The monitor watching itself: a late scheduler means every status on the page may be out of date. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SchedulerPayload(
            @JsonProperty("last_cycle_at") @Nullable @Schema(format = "date-time") String lastCycleAt,
            boolean late,
            @JsonProperty("interval_seconds") long intervalSeconds,
            @JsonProperty("last_cycle") @Nullable CyclePayload lastCycle) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CyclePayload(
            @JsonProperty("endpoints_enabled") int endpointsEnabled,
            @JsonProperty("endpoints_due") int endpointsDue,
            @JsonProperty("skipped_in_backoff") int skippedInBackoff,
            @JsonProperty("shards_dispatched") int shardsDispatched) {
    }
}
