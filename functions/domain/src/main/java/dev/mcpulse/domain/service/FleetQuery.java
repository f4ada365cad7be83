package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.DerivedStatus;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.SecretState;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.port.CycleLog;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

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

    /** Counts per status, stale and total, as they stood at {@code countedAt}. */
    public record Summary(Map<Status, Integer> counts, int stale, int total, Instant countedAt) {
        static Summary of(FleetCounts counts, Instant countedAt) {
            return new Summary(counts.byStatus(), counts.stale(), counts.total(), countedAt);
        }
    }

    public record FleetView(List<EndpointView> endpoints, Summary summary, SchedulerHealth scheduler, Instant now) {
    }

    /**
     * Filters by status, labels (every given label must match), a search text (found, ignoring case, in the id,
     * name or URL, as the dashboard's search box does) and the start of the id. Only the id's start is served by the
     * store's keys: a page of it reads the matching entries only, at any fleet size, while the others are tested on
     * each entry read. The summary of {@link #list} counts the filtered rows.
     */
    public record Filter(Optional<Status> status, Map<String, String> labels, Optional<String> search,
                         String idPrefix) {
        public static final Filter NONE = new Filter(Optional.empty(), Map.of(), Optional.empty());

        public Filter {
            labels = Map.copyOf(labels);
            search = search.map(text -> text.toLowerCase(Locale.ROOT)).filter(text -> !text.isEmpty());
            Objects.requireNonNull(idPrefix, "idPrefix");
        }

        public Filter(Optional<Status> status, Map<String, String> labels, Optional<String> search) {
            this(status, labels, search, "");
        }

        public Filter(Optional<Status> status, Map<String, String> labels) {
            this(status, labels, Optional.empty());
        }

        boolean matches(EndpointView view) {
            Endpoint endpoint = view.endpoint();
            return endpoint.id().value().startsWith(idPrefix)
                    && status.map(s -> s == view.status().status()).orElse(true)
                    && labels.entrySet().stream().allMatch(l -> l.getValue().equals(endpoint.labels().get(l.getKey())))
                    && search.map(text -> Stream.of(endpoint.id().value(), endpoint.name(), endpoint.url().toString())
                            .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(text))).orElse(true);
        }
    }

    /**
     * One page of the filtered fleet, in id order. {@code next} is the id to continue after, empty when the fleet
     * was read to its end. A page may hold fewer rows than asked for (even none) while {@code next} is present:
     * a sparse filter stops after {@link #MAX_EXAMINED} entries, so that no request reads the whole fleet.
     * The summary is the whole fleet's (whatever the filter); for a large fleet, as the last scheduler cycle counted
     * it: one item read, not the fleet (see {@link #summary}).
     */
    public record FleetPage(List<EndpointView> endpoints, Optional<EndpointId> next, Summary summary,
                            SchedulerHealth scheduler, Instant now) {
    }

    /** The most registry entries one page examines: at most 20 chunks of entries and their snapshots. */
    public static final int MAX_EXAMINED = 2_000;
    /** Entries are read 100 at a time, each chunk's snapshots in one read ({@link SnapshotStore#latestOfRun}). */
    static final int READ_CHUNK = 100;
    /**
     * The largest fleet whose summary is counted at the request: one chunk's read, no more than the page itself
     * costs. Each dashboard poll carries the summary (every 15 s): counting a 1,000-endpoint fleet was 200 of a
     * poll's 265 read units (docs/cost.md, before 2026-12-05 when the bound was 2,000).
     */
    public static final int COUNTED_NOW_UP_TO = READ_CHUNK;

    public FleetView list(Filter filter) {
        Instant now = clock.instant();
        List<Endpoint> endpoints = registry.list();
        Map<EndpointId, HealthSnapshot> latest = snapshots.latest(endpoints.stream().map(Endpoint::id).toList());
        List<EndpointView> views = endpoints.stream()
                .map(e -> view(e, Optional.ofNullable(latest.get(e.id())), now))
                .filter(filter::matches)
                .toList();
        return new FleetView(views, Summary.of(FleetCounts.of(views.stream().map(EndpointView::status).toList()), now),
                schedulerHealth(cycleLog.last(), now), now);
    }

    /** Up to {@code limit} rows that match {@code filter}, with ids after {@code after}: see {@link FleetPage}. */
    public FleetPage page(Filter filter, Optional<EndpointId> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be at least 1, was " + limit);
        }
        Instant now = clock.instant();
        List<EndpointView> rows = new ArrayList<>();
        Optional<EndpointId> position = after;
        int examined = 0;
        while (true) {
            // one more than still needed, when that is fewer than a chunk: the extra entry tells whether more follow
            int wanted = Math.min(Math.min(READ_CHUNK, limit - rows.size() + 1), MAX_EXAMINED - examined);
            List<Endpoint> chunk = registry.page(filter.idPrefix(), position, wanted);
            Map<EndpointId, HealthSnapshot> latest = chunk.isEmpty() ? Map.of()
                    : snapshots.latestOfRun(chunk.stream().map(Endpoint::id).toList());
            for (int i = 0; i < chunk.size(); i++) {
                Endpoint endpoint = chunk.get(i);
                examined++;
                EndpointView view = view(endpoint, Optional.ofNullable(latest.get(endpoint.id())), now);
                if (filter.matches(view)) {
                    rows.add(view);
                    if (rows.size() == limit) {
                        boolean more = i < chunk.size() - 1 || chunk.size() == wanted;
                        return fleetPage(rows, more ? Optional.of(endpoint.id()) : Optional.empty(), now);
                    }
                }
            }
            if (chunk.size() < wanted) {
                return fleetPage(rows, Optional.empty(), now);
            }
            position = Optional.of(chunk.getLast().id());
            if (examined >= MAX_EXAMINED) {
                return fleetPage(rows, position, now);
            }
        }
    }

    private FleetPage fleetPage(List<EndpointView> rows, Optional<EndpointId> next, Instant now) {
        Optional<CycleRecord> last = cycleLog.last();
        return new FleetPage(List.copyOf(rows), next, summary(last, now), schedulerHealth(last, now), now);
    }

    /**
     * The whole fleet's summary. A fleet of up to {@link #COUNTED_NOW_UP_TO} entries (as the last count found it) is
     * counted now: that costs no more than the page, and is exact at this instant. A larger fleet gets the counts
     * its last scheduler cycle stored with its record: one item read instead of the fleet, exact as of that cycle's
     * start — so at most one interval (plus grace) behind the rows, which {@code countedAt} says.
     * Statuses move with time (a snapshot goes stale with no write at all): once the scheduler is late (a dead
     * cron), the rows it counted connected are no longer proven so, and the count says so ({@link FleetCounts#unproven})
     * — never a read of the whole fleet, which at 100,000 endpoints outlasts the gateway's 30 s (measured by B7).
     * Before any cycle has counted (a new deployment, a record written before cycles counted), the fleet is counted
     * now.
     */
    private Summary summary(Optional<CycleRecord> last, Instant now) {
        return last.flatMap(cycle -> cycle.fleet().filter(counts -> counts.total() > COUNTED_NOW_UP_TO)
                        .map(counts -> Summary.of(late(cycle.startedAt(), now) ? counts.unproven() : counts,
                                cycle.startedAt())))
                .orElseGet(() -> list(Filter.NONE).summary());
    }

    private boolean late(Instant lastCycleAt, Instant now) {
        return now.isAfter(lastCycleAt.plus(interval).plus(grace));
    }

    public Optional<EndpointView> get(EndpointId id) {
        Instant now = clock.instant();
        return registry.get(id).map(e -> view(e, snapshots.latest(id), now));
    }

    public List<HistoryEntry> history(EndpointId id, int limit) {
        return snapshots.history(id, limit);
    }

    /** The checks after the one made at {@code after}, while that check is still in the history (see the store's). */
    public Optional<List<HistoryEntry>> historyAfter(EndpointId id, int limit, Instant after) {
        return snapshots.historyAfter(id, limit, after);
    }

    public SchedulerHealth schedulerHealth() {
        return schedulerHealth(cycleLog.last(), clock.instant());
    }

    public EndpointView view(Endpoint endpoint, Optional<HealthSnapshot> snapshot, Instant now) {
        return new EndpointView(endpoint, snapshot,
                statusPolicy.derive(endpoint, SecretState.UNKNOWN, snapshot, now, interval));
    }

    private SchedulerHealth schedulerHealth(Optional<CycleRecord> last, Instant now) {
        Optional<Instant> lastAt = last.map(CycleRecord::startedAt);
        boolean late = lastAt.map(at -> late(at, now)).orElse(true);
        return new SchedulerHealth(lastAt, late, last);
    }
}
