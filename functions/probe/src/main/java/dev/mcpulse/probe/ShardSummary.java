package dev.mcpulse.probe;

import dev.mcpulse.domain.service.ShardProbe;
import io.micronaut.serde.annotation.Serdeable;

/** What one probe invocation returns: counts only, never endpoint details. */
@Serdeable
public record ShardSummary(int shardIndex, int requested, int probed, int skipped, int connected, long waitedMs) {

    static ShardSummary of(ShardProbe.Report report) {
        return new ShardSummary(report.shardIndex(), report.requested(), report.probed(), report.skipped(),
                report.connected(), report.waited().toMillis());
    }
}
