package dev.mcpulse.bench.scale;

import dev.mcpulse.bench.Section;
import java.util.List;
import java.util.Locale;

/** B7's scale part in the report: three tables (scheduler, writes per key, API), the targets, and how it was run. */
final class ScaleReport {

    private ScaleReport() {
    }

    static void add(Section section, List<ScaleBenchmark.Result> results) {
        double jitterSeconds = ScaleBenchmark.JITTER.toSeconds();
        section.table("The fleet at scale in DynamoDB Local: seeding and the scheduler's cycle",
                "endpoints", "seed: registry (BatchWriteItem)", "scheduler cycle median ms (min–max)", "of which dispatch ms (median)", "endpoints due",
                "shards dispatched", "share of the scheduler's " + ScaleBenchmark.SCHEDULER_TIMEOUT.toSeconds() + " s timeout",
                "CPU ms of the cycle (median; this JVM's, ElasticMQ's part too)",
                "that CPU at the function's " + ScaleBenchmark.SCHEDULER_MEMORY_MB + " MB, share of its timeout");
        for (ScaleBenchmark.Result r : results) {
            section.row(count(r.endpoints()), seconds(r.seedRegistrySeconds()),
                    fmt(r.cycleMillis().median()) + " (" + fmt(r.cycleMillis().min()) + "–" + fmt(r.cycleMillis().max())
                            + ")", fmt(r.dispatchMillis().median()), count(r.lastCycle().endpointsDue()),
                    count(r.lastCycle().shardsDispatched()),
                    fmt(100 * r.cycleMillis().median() / ScaleBenchmark.SCHEDULER_TIMEOUT.toMillis()) + " %",
                    fmt(r.cycleCpuMillis().median()),
                    fmt(100 * r.cpuSecondsOnLambda() / ScaleBenchmark.SCHEDULER_TIMEOUT.toSeconds()) + " %");
        }

        section.table("One cycle's writes by partition key (the scheduler's record and every probe's writes)",
                "endpoints", "item writes", "write units (≥)", "partition keys", "hottest key", "its share of the writes",
                "snapshot writes", "keys they went to (N)", "hottest key's share of them × N (1 = even)",
                "hottest key's WCU/s over the " + (int) jitterSeconds + " s jitter window",
                "probe cycle's wall time here (seeds the snapshots)");
        for (ScaleBenchmark.Result r : results) {
            KeyLoad w = r.writes();
            section.row(count(r.endpoints()), count(w.writes()), count(w.writeUnits()), count(w.keys()),
                    "`" + w.hottestKey() + "`", percent(w.hottestShare()), count(w.snapshotWrites()),
                    count(w.snapshotKeys()), fmt(w.snapshotEvenness()),
                    fmt(w.hottestUnitsPerSecond(jitterSeconds)), seconds(r.countedCycleSeconds()));
        }

        section.table("The API on loopback (`GET /api/mcp/clients`, the dashboard's requests)",
                "endpoints", "request", "requests timed", "p50 ms", "p95 ms", "rows", "next", "response bytes (largest)");
        long largest = 0;
        for (ScaleBenchmark.Result r : results) {
            for (ApiReads.Timed t : r.api()) {
                section.row(count(r.endpoints()), t.query().isEmpty() ? "first page (default limit 100)" : "`?" + t.query()
                        + "`", t.millis().count(), fmt(t.millis().median()), fmt(t.millis().percentile(95)), t.rows(),
                        t.hasNext() ? "yes" : "no", count(t.maxBytes()));
                largest = Math.max(largest, t.maxBytes());
            }
        }

        ScaleBenchmark.Result smallest = results.getFirst();
        ScaleBenchmark.Result biggest = results.getLast();
        double firstPageRatio = biggest.api().getFirst().millis().median() / smallest.api().getFirst().millis().median();
        section.headline(String.format(Locale.ROOT, "first page p50 at %,d / at %,d endpoints (same run)",
                biggest.endpoints(), smallest.endpoints()), firstPageRatio, "×", 1.5, true);
        double byIdRatio = byId(biggest).millis().median() / byId(smallest).millis().median();
        section.headline(String.format(Locale.ROOT, "one endpoint by its id (`id_prefix`) p50 at %,d / at %,d endpoints"
                + " (same run)", biggest.endpoints(), smallest.endpoints()), byIdRatio, "×", 1.5, true);
        section.headline("largest API response, any size", largest / 1000.0, "kB",
                ScaleBenchmark.MAX_RESPONSE_BYTES / 1000.0, true);
        section.headline(String.format(Locale.ROOT, "hottest partition key's share of one cycle's writes at %,d",
                biggest.endpoints()), 100 * biggest.writes().hottestShare(), "%", 10, true);
        section.headline(String.format(Locale.ROOT, "hottest key's write units/s over the %d s jitter window at %,d,"
                        + " share of DynamoDB's %,d per partition", (int) jitterSeconds, biggest.endpoints(),
                ScaleBenchmark.PARTITION_WCU_PER_SECOND),
                100 * biggest.writes().hottestUnitsPerSecond(jitterSeconds) / ScaleBenchmark.PARTITION_WCU_PER_SECOND,
                "%", 100, true);
        section.headline(String.format(Locale.ROOT, "scheduler cycle at %,d endpoints (DynamoDB reads + dispatch), share"
                + " of its %d s timeout", biggest.endpoints(), ScaleBenchmark.SCHEDULER_TIMEOUT.toSeconds()),
                100 * biggest.cycleMillis().median() / ScaleBenchmark.SCHEDULER_TIMEOUT.toMillis(), "%", 10, true);

        section.headline(String.format(Locale.ROOT, "scheduler cycle's CPU at %,d endpoints on the function's %d MB"
                + " (%.2f vCPU), share of its %d s timeout", biggest.endpoints(), ScaleBenchmark.SCHEDULER_MEMORY_MB,
                ScaleBenchmark.SCHEDULER_MEMORY_MB / ScaleBenchmark.MB_PER_VCPU, ScaleBenchmark.SCHEDULER_TIMEOUT.toSeconds()),
                100 * biggest.cpuSecondsOnLambda() / ScaleBenchmark.SCHEDULER_TIMEOUT.toSeconds(), "%", 50, true);
        section.note("The scheduler's CPU: this JVM's CPU time during each cycle (the scheduler's threads and the"
                + " SQS server's, which take its messages; DynamoDB Local is a process of its own), with the JIT's"
                + " full tiers on two cores. On Lambda the function has CPU in proportion to its memory (one vCPU at"
                + " 1,769 MB) and the template runs it C1 only, so the cycle's CPU there is at least this divided by"
                + " that share; the last column is that floor against the timeout, before any wait for DynamoDB. The"
                + " 50 % target is this report's margin for the reads' round trips.");
        section.note("Scale part: one DynamoDB Local (in memory, a process of its own), one table grown from size to size"
                + " (each size adds endpoints to the last). Seeding: the registry adapter's BatchWriteItem ("
                + ScaleBenchmark.SEED_WRITERS + " writers at once, 25 items a call), timed; the snapshots are written by the counted probe cycle"
                + " below (the first of the new endpoints, a rewrite of the others), its wall time in that table. Probes"
                + " answer at once (no MCP server is dialled): 90 % ok, 5 % timeouts, 5 % refused credentials (unhealthy);"
                + " labels team-0…team-19 and env.");
        section.note("Scheduler cycle: the real `Scheduler` (" + ScaleBenchmark.SHARD_SIZE + " endpoints a shard, a "
                + (int) jitterSeconds + " s jitter window, " + "32 hand-overs at once) over the DynamoDB adapters — the"
                + " registry read and, at the same time, every snapshot read (then the check batches that confirm them,"
                + " 8 BatchGetItem calls at once), the fleet's summary stored with the cycle record — handing"
                + " its shards to the probe queue's dispatcher (`SqsProbeDispatcher`, SendMessageBatch of ten) on"
                + " ElasticMQ in the benchmark's JVM; " + ScaleBenchmark.SCHEDULER_RUNS + " cycles per size, wall time"
                + " from start to the record written, after the counted cycle: every endpoint has a snapshot, and is due"
                + " (the counted checks read as " + ScaleBenchmark.CHECKED_AGO.toMinutes() + " minutes old). DynamoDB"
                + " Local answers from about one core (SQLite behind it), so at the larger sizes these reads measure its"
                + " speed more than the scheduler's: the scheduler's log line gives each phase's time.");
        section.note("Writes per key: one scheduler cycle's record, then its shards probed as the probe function"
                + " does (`ShardProbe` → `EndpointChecker`: the shard's entries in one read, each snapshot a conditional"
                + " write, the history in batches; " + ProbeCycle.CONCURRENT_SHARDS + " shards at once), counted by an"
                + " SDK ExecutionInterceptor on the benchmark's own DynamoDB client reading the `pk` and `itemType` of"
                + " every PutItem, UpdateItem, DeleteItem and BatchWriteItem item it sends (retried items count again)."
                + " Write units: each item's size rounded up to 1 KB, a floor (an update counts 1). The WCU/s column"
                + " assumes the cycle's writes spread evenly over the jitter window, the best case; DynamoDB serves at"
                + " most " + String.format(Locale.ROOT, "%,d", ScaleBenchmark.PARTITION_WCU_PER_SECOND) + " WCU/s on one"
                + " partition. The 10 % target for the hottest key's share is this report's reading of the issue's"
                + " \"a small, bounded share\".");
        section.note("API: the api function's routes (`ApiDispatcher` → `FleetController` → `FleetQuery` → the"
                + " DynamoDB adapters) behind the JDK's HTTP server in a JVM of its own (`ApiServerMain`, -Xmx1g; until"
                + " 39a4674 Micronaut's HTTP server on Netty), requests from the"
                + " benchmark process over loopback, one at a time, keep-alive, each read to its last byte. The API"
                + " warms up on 40 requests at the first size (5 later). The summary is the fleet's on every page: up to"
                + " " + String.format(java.util.Locale.ROOT, "%,d", dev.mcpulse.domain.service.FleetQuery.COUNTED_NOW_UP_TO)
                + " endpoints counted at the request (2,000 until 2026-12-05), above that the last scheduler cycle's count (one item);"
                + " `limit=1` is the cheapest request that carries it. A filter examines at most 2,000 entries a"
                + " request, so a sparse one can answer fewer rows than the limit, with `next`. The dashboard's search"
                + " box, given the fleet's last id, sends `id_prefix` (answered from the table's keys: it reads the"
                + " matching entries only) and then `search` (which examines the fleet from its first id, 2,000 entries"
                + " a request, so at 10,000 and more it has not reached the last id: no row, and a `next`); it shows"
                + " the row as soon as the first answers, and the search's rows when the second does.");
    }

    private static ApiReads.Timed byId(ScaleBenchmark.Result result) {
        return result.api().stream().filter(t -> t.query().startsWith(ScaleBenchmark.BY_ID)).findFirst().orElseThrow();
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f s", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
