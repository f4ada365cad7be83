package dev.mcpulse.domain.metrics;

import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The name of every metric mcpulse emits — the one list the dashboard in sam-template.yaml is checked against.
 * Names are fixed and few (counts by outcome and by status are one metric per outcome and per status, never per
 * endpoint), so the metrics stay low-cardinality.
 */
public final class MetricNames {

    // Per shard (the probe function; "check now" in the api function).
    /** Endpoints whose probe ended with an outcome, by outcome: {@code Outcome_ok}, {@code Outcome_timeout}… */
    public static final String OUTCOME_PREFIX = "Outcome_";
    /** Endpoints by their status after the check: {@code Status_connected}… */
    public static final String STATUS_PREFIX = "Status_";
    /** One value per probe, its total latency. */
    public static final String PROBE_LATENCY = "ProbeLatency";
    /** Writes to the store that failed: snapshots, plus one for a history batch (probe) or a cycle's store call. */
    public static final String STORE_FAILURES = "StoreFailures";
    /** Loud authentication lines: an endpoint's third consecutive auth failure, then every 20th. */
    public static final String AUTH_ESCALATIONS = "AuthEscalations";
    /** Endpoints for which the prober threw (mcpulse's fault): no verdict stored. */
    public static final String PROBER_FAILURES = "ProberFailures";
    /**
     * Endpoints whose every probe was spoiled by this process's own overload, with no deadline left to try again: no
     * verdict stored (the server is not blamed), and the endpoint goes unchecked this cycle.
     */
    public static final String CHECKS_WITHOUT_VERDICT = "ChecksWithoutVerdict";

    // Per cycle (the scheduler function).
    public static final String CYCLE_DURATION = "CycleDuration";
    public static final String SHARDS_DISPATCHED = "ShardsDispatched";
    public static final String SHARDS_FAILED = "ShardsFailed";
    public static final String ENDPOINTS_ENABLED = "EndpointsEnabled";
    public static final String ENDPOINTS_DUE = "EndpointsDue";
    public static final String SKIPPED_IN_BACKOFF = "SkippedInBackoff";

    private MetricNames() {
    }

    public static String outcome(OutcomeKind outcome) {
        return OUTCOME_PREFIX + outcome.code();
    }

    public static String status(Status status) {
        return STATUS_PREFIX + status.code();
    }

    /** The metrics of one shard. */
    public static List<String> perShard() {
        List<String> names = new ArrayList<>();
        Arrays.stream(OutcomeKind.values()).map(MetricNames::outcome).forEach(names::add);
        Arrays.stream(Status.values()).map(MetricNames::status).forEach(names::add);
        names.addAll(List.of(PROBE_LATENCY, STORE_FAILURES, AUTH_ESCALATIONS, PROBER_FAILURES, CHECKS_WITHOUT_VERDICT));
        return List.copyOf(names);
    }

    /** The metrics of one scheduler cycle. */
    public static List<String> perCycle() {
        return List.of(CYCLE_DURATION, SHARDS_DISPATCHED, SHARDS_FAILED, ENDPOINTS_ENABLED, ENDPOINTS_DUE,
                SKIPPED_IN_BACKOFF, STORE_FAILURES);
    }
}
