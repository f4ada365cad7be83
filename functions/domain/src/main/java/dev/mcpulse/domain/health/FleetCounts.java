package dev.mcpulse.domain.health;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fleet's summary at one instant: how many endpoints there are, how many have each derived status (every
 * status present, 0 when none) and how many of them are stale. Small enough to be stored with the cycle that
 * counted it, so reading the summary is one item, not the whole fleet.
 */
public record FleetCounts(int total, Map<Status, Integer> byStatus, int stale) {

    public FleetCounts {
        Map<Status, Integer> complete = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            int count = byStatus.getOrDefault(status, 0);
            if (count < 0) {
                throw new IllegalArgumentException(status.code() + " count must not be negative, was " + count);
            }
            complete.put(status, count);
        }
        int sum = complete.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != total || stale < 0 || stale > total) {
            throw new IllegalArgumentException("counts do not add up: total " + total + ", by status " + complete
                    + ", stale " + stale);
        }
        byStatus = java.util.Collections.unmodifiableMap(complete);
    }

    public static FleetCounts of(Collection<DerivedStatus> statuses) {
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        statuses.forEach(s -> byStatus.merge(s.status(), 1, Integer::sum));
        int stale = (int) statuses.stream().filter(s -> s.reason() == StatusReason.STALE).count();
        return new FleetCounts(statuses.size(), byStatus, stale);
    }

    /**
     * These counts once nothing has been checked since they were taken (a dead scheduler): a connected endpoint is
     * then no longer proven connected — its row goes stale, which derives as configured but unconnected — and every
     * other status stands as it was counted.
     */
    public FleetCounts unproven() {
        Map<Status, Integer> moved = new EnumMap<>(byStatus);
        int connected = moved.getOrDefault(Status.CONNECTED, 0);
        moved.put(Status.CONNECTED, 0);
        moved.merge(Status.CONFIGURED_BUT_UNCONNECTED, connected, Integer::sum);
        return new FleetCounts(total, moved, Math.min(total, stale + connected));
    }
}
