package dev.mcpulse.bench.scale;

import java.util.Map;

/**
 * One cycle's writes by partition key: how many, the hottest key and its share, and the same for the snapshot items
 * alone (the writes a key layout spreads, or not), with the write units the hottest key takes.
 *
 * @param snapshotKeys how many partition keys the snapshot writes went to: the N they could at best be spread over
 */
record KeyLoad(long writes, long writeUnits, int keys, String hottestKey, long hottestWrites, long hottestWriteUnits,
               long snapshotWrites, int snapshotKeys, long hottestSnapshotWrites) {

    static final String SNAPSHOT = "snapshot";

    static KeyLoad of(Map<String, Map<String, WritesPerKey.Tally>> byPk) {
        long writes = 0;
        long units = 0;
        long snapshots = 0;
        int snapshotKeys = 0;
        long hottestSnapshots = 0;
        String hottest = "(none)";
        long hottestWrites = 0;
        long hottestUnits = 0;
        for (var key : byPk.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            long keyWrites = key.getValue().values().stream().mapToLong(WritesPerKey.Tally::writes).sum();
            long keyUnits = key.getValue().values().stream().mapToLong(WritesPerKey.Tally::writeUnits).sum();
            writes += keyWrites;
            units += keyUnits;
            if (keyWrites > hottestWrites) {
                hottest = key.getKey();
                hottestWrites = keyWrites;
                hottestUnits = keyUnits;
            }
            WritesPerKey.Tally snapshot = key.getValue().get(SNAPSHOT);
            if (snapshot != null) {
                snapshots += snapshot.writes();
                snapshotKeys++;
                hottestSnapshots = Math.max(hottestSnapshots, snapshot.writes());
            }
        }
        return new KeyLoad(writes, units, byPk.size(), hottest, hottestWrites, hottestUnits, snapshots, snapshotKeys,
                hottestSnapshots);
    }

    double hottestShare() {
        return writes == 0 ? 0 : (double) hottestWrites / writes;
    }

    double hottestSnapshotShare() {
        return snapshotWrites == 0 ? 0 : (double) hottestSnapshotWrites / snapshotWrites;
    }

    /** The hottest snapshot key's share against an even spread over the keys the snapshots went to: 1 is even. */
    double snapshotEvenness() {
        return hottestSnapshotShare() * snapshotKeys;
    }

    /** The hottest key's write units per second if the cycle's writes are spread evenly over {@code seconds}. */
    double hottestUnitsPerSecond(double seconds) {
        return hottestWriteUnits / seconds;
    }
}
