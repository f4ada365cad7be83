package dev.mcpulse.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/mcp/clients}: one page of the (filtered) fleet, the cursor to the next, the whole fleet's summary
 * and the scheduler's own freshness.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FleetPayload(
        List<EndpointPayload> endpoints,
        @Nullable String next,
        SummaryPayload summary,
        SchedulerPayload scheduler,
        @JsonProperty("generated_at") String generatedAt) {

    /**
     * Counts over the whole fleet, whatever the filters: per status (every status present, 0 when none) and how
     * many are stale, as counted at {@code counted_at}: now for a fleet of up to 100 endpoints
     * ({@code FleetQuery.COUNTED_NOW_UP_TO}) or before any cycle has counted; otherwise by the last scheduler cycle
     * (one item read, not the fleet).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SummaryPayload(int total, @JsonProperty("by_status") Map<String, Integer> byStatus, int stale,
                                 @JsonProperty("counted_at") String countedAt) {
    }

    /** The monitor watching itself: a late scheduler means every status on the page may be out of date. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SchedulerPayload(
            @JsonProperty("last_cycle_at") @Nullable String lastCycleAt,
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
