package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.DerivedStatus;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.SecretState;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.health.StatusReason;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side: the fleet as the API and dashboard show it, with status derived at read time and the
 * scheduler's own freshness, so that a dead cron is visible on the first screen.
 */
public final class FleetQuery {

    private final EndpointRegistry registry;
    private final SnapshotStore snapshots;
    private final CycleLog cycleLog;
    private final StatusPolicy statusPolicy;
    private final Clock clock;
    private final Duration interval;
    private final Duration grace;

    public FleetQuery(EndpointRegistry registry, SnapshotStore snapshots, CycleLog cycleLog, StatusPolicy statusPolicy,
                      Clock clock, Duration interval, Duration grace) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.cycleLog = cycleLog;
        this.statusPolicy = statusPolicy;
        this.clock = clock;
        this.interval = interval;
        this.grace = grace;
    }

    public record EndpointView(Endpoint endpoint, Optional<HealthSnapshot> snapshot, DerivedStatus status) {
    }

    /** Whether the scheduler ran recently enough: late once a whole interval (plus grace) passed without a cycle. */
    public record SchedulerHealth(Optional<Instant> lastCycleAt, boolean late, Optional<CycleRecord> lastCycle) {
    }

    public record Summary(Map<Status, Integer> counts, int stale, int total) {
    }

    public record FleetView(List<EndpointView> endpoints, Summary summary, SchedulerHealth scheduler, Instant now) {
    }

    /** Filters by status and labels (every given label must match); the summary counts the filtered rows. */
    public record Filter(Optional<Status> status, Map<String, String> labels) {
        public static final Filter NONE = new Filter(Optional.empty(), Map.of());

        boolean matches(EndpointView view) {
            return status.map(s -> s == view.status().status()).orElse(true)
                    && labels.entrySet().stream().allMatch(l -> l.getValue().equals(view.endpoint().labels().get(l.getKey())));
        }
    }

    public FleetView list(Filter filter) {
        Instant now = clock.instant();
        List<Endpoint> endpoints = registry.list();
        Map<EndpointId, HealthSnapshot> latest = snapshots.latest(endpoints.stream().map(Endpoint::id).toList());
        List<EndpointView> views = endpoints.stream()
                .map(e -> view(e, Optional.ofNullable(latest.get(e.id())), now))
                .filter(filter::matches)
                .toList();
        return new FleetView(views, summarize(views), schedulerHealth(now), now);
    }

    public Optional<EndpointView> get(EndpointId id) {
        Instant now = clock.instant();
        return registry.get(id).map(e -> view(e, snapshots.latest(id), now));
    }

    public List<HistoryEntry> history(EndpointId id, int limit) {
        return snapshots.history(id, limit);
    }

    public SchedulerHealth schedulerHealth() {
        return schedulerHealth(clock.instant());
    }

    public EndpointView view(Endpoint endpoint, Optional<HealthSnapshot> snapshot, Instant now) {
        return new EndpointView(endpoint, snapshot,
                statusPolicy.derive(endpoint, SecretState.UNKNOWN, snapshot, now, interval));
    }

    private SchedulerHealth schedulerHealth(Instant now) {
        Optional<CycleRecord> last = cycleLog.last();
        Optional<Instant> lastAt = last.map(CycleRecord::startedAt);
        boolean late = lastAt.map(at -> now.isAfter(at.plus(interval).plus(grace))).orElse(true);
        return new SchedulerHealth(lastAt, late, last);
    }

    private static Summary summarize(List<EndpointView> views) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        views.forEach(v -> counts.merge(v.status().status(), 1, Integer::sum));
        int stale = (int) views.stream().filter(v -> v.status().reason() == StatusReason.STALE).count();
        return new Summary(counts, stale, views.size());
    }
}
