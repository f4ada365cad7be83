package dev.mcpulse.probe;

import dev.mcpulse.domain.service.ShardProbe;
import io.micronaut.serde.annotation.Serdeable;

/** What probing one shard did: counts only, never endpoint details. */
@Serdeable
public record ShardSummary(int shardIndex, int requested, int probed, int skipped, int alreadyChecked,
                           int connected, boolean entriesRead) {

    static ShardSummary of(ShardProbe.Report report) {
        return new ShardSummary(report.shardIndex(), report.requested(), report.probed(), report.skipped(),
                report.alreadyChecked(), report.connected(), report.entriesRead());
    }
}
