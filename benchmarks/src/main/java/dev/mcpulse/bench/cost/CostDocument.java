package dev.mcpulse.bench.cost;

import static dev.mcpulse.bench.Report.number;

import dev.mcpulse.bench.Provenance;
import dev.mcpulse.secrets.ParameterStoreSecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** docs/cost.md: what the run measured, the model's assumptions and prices, and the monthly cost per fleet size. */
final class CostDocument {

    static final List<Integer> FLEETS = List.of(100, 1_000, 10_000, 100_000);
    static final double TARGET_PER_THOUSAND = 5.0;
    /** Endpoints whose tokens share one JSON secret in the table's row of that name. */
    static final int SHARED_SECRET_TOKENS = 50;

    private CostDocument() {
    }

    static String render(Provenance run, long seconds, CostFigures f, CostModel.Inputs in, CostModel.Assumptions as,
                         CostModel.Prices p, Map<String, String> dashboard) {
        StringBuilder md = new StringBuilder();
        List<CostModel.Month> months = FLEETS.stream().map(n -> CostModel.month(n, in, as, p)).toList();
        md.append("# What a fleet costs on AWS\n\n");
        md.append("Written by ").append(run.describe()).append(" in ").append(seconds)
                .append(" s; machine: ").append(run.machine()).append(". Do not edit by hand: run it again. Region us-east-1; "
                + "list prices as of 2026-12-03, stated below, not fetched by this run.\n\n");
        md.append(EXPLANATION.formatted(in.dashboard().maxPages(), number(in.dashboard().refreshSeconds())));

        md.append("\n## Per month, 5-minute cadence\n\n");
        md.append("| | ").append(FLEETS.stream().map(n -> String.format(Locale.ROOT, "%,d endpoints", n))
                .collect(Collectors.joining(" | "))).append(" |\n|---|").append("---|".repeat(FLEETS.size())).append('\n');
        for (String service : months.getFirst().dollars().keySet()) {
            md.append("| ").append(service);
            months.forEach(m -> md.append(" | ").append(dollars(m.dollars().get(service))));
            md.append(" |\n");
        }
        md.append("| **mcpulse total**");
        months.forEach(m -> md.append(" | **").append(dollars(m.total())).append("**"));
        md.append(" |\n| **per 1,000 endpoints** (target ≤ $").append(number(TARGET_PER_THOUSAND)).append(')');
        months.forEach(m -> md.append(" | **").append(dollars(m.perThousand())).append("** ")
                .append(m.perThousand() <= TARGET_PER_THOUSAND ? "met" : "not met"));
        md.append(" |\n| the same without the dashboard (no browser open)");
        months.forEach(m -> md.append(" | ").append(dollars(withoutDashboard(m.endpoints(), in, as, p).perThousand()))
                .append(" per 1,000"));
        md.append(" |\n| the same with the credentials ").append(SHARED_SECRET_TOKENS)
                .append(" to a JSON secret (README, \"Import a fleet\")");
        months.forEach(m -> md.append(" | ").append(dollars(withSharedSecrets(m.endpoints(), in, as, p).perThousand()))
                .append(" per 1,000"));
        md.append(" |\n| the same with the credentials in Parameter Store (README, \"Or keep the tokens in Parameter Store\")");
        months.forEach(m -> {
            double perThousand = withParameterStore(m.endpoints(), in, as, p).perThousand();
            md.append(" | ").append(dollars(perThousand)).append(" per 1,000").append(met(perThousand));
        });
        md.append(" |\n| the same with `PublishMetrics=false` (no custom metrics; README, \"Metrics\")");
        months.forEach(m -> md.append(" | ").append(dollars(withoutCustomMetrics(m))).append(" per 1,000"));
        md.append(" |\n| the same with both: the credentials ").append(SHARED_SECRET_TOKENS)
                .append(" to a JSON secret, no custom metrics");
        months.forEach(m -> md.append(" | ").append(dollars(withoutCustomMetrics(
                withSharedSecrets(m.endpoints(), in, as, p)))).append(" per 1,000"));
        md.append(" |\n| the same with both: the credentials in Parameter Store, no custom metrics");
        months.forEach(m -> {
            double perThousand = withoutCustomMetrics(withParameterStore(m.endpoints(), in, as, p));
            md.append(" | ").append(dollars(perThousand)).append(" per 1,000").append(met(perThousand));
        });
        md.append(" |\n| CloudWatch Synthetics (one canary run per endpoint per cycle)");
        months.forEach(m -> md.append(" | ").append(dollars(CostModel.synthetics(m.endpoints(), in.intervalSeconds(), p))));
        md.append(" |\n| self-hosted Gatus (").append(p.gatusVmType()).append(" VMs, see assumptions)");
        months.forEach(m -> md.append(" | ").append(dollars(CostModel.gatus(m.endpoints(), as, p))));
        md.append(" |\n\n");
        floor(md, in, as, p);
        md.append("Quantities behind the table (per month):\n\n| quantity | ")
                .append(FLEETS.stream().map(n -> String.format(Locale.ROOT, "%,d", n)).collect(Collectors.joining(" | ")))
                .append(" |\n|---|").append("---|".repeat(FLEETS.size())).append('\n');
        for (String quantity : months.getFirst().quantities().keySet()) {
            md.append("| ").append(quantity);
            months.forEach(m -> md.append(" | ").append(count(m.quantities().get(quantity))));
            md.append(" |\n");
        }

        md.append("\n## What the run measured\n\n");
        CostRun.Result r = f.run;
        md.append(String.format(Locale.ROOT, "A steady fleet of %d endpoints on loopback MCP servers (of every %d, one a "
                + "black hole that never answers, deadline %d ms; the rest healthy MCP Java SDK servers, default deadline), "
                + "%d cycles to bring the failing ones into back-off, then %d steady cycles, then %d more (not in the tables "
                + "below, so that the table holds the cycles of checks a sparkline's history reads, as on a deployment that "
                + "has run for hours), each through the functions' real handlers: the scheduler's (`SchedulerHandler`, SQS `SendMessageBatch` to ElasticMQ), the probe function's "
                + "(`ProbeHandler`, one SQS message per invocation as the template's `BatchSize: 1`, received and deleted as "
                + "the event source mapping does) and, after the cycles, the api function's (`ApiFunction`) for the "
                + "dashboard's requests; all against DynamoDB Local. The functions run in one JVM (`CostFunctionsMain`) "
                + "pinned to one core with %s, each on a Micronaut context of its own built as on Lambda; shards run one "
                + "after the other, so each shard's wall time is its own invocation's. DynamoDB Local and the MCP servers "
                + "run on the other core. Each phase's AWS calls are counted by an SDK `ExecutionInterceptor` on the "
                + "functions' own clients (`AwsCallMeter`, registered on that JVM's classpath only), and its standard "
                + "output (the JSON log lines and EMF metric lines) byte by byte.\n\n",
                r.endpoints(), CostRun.FAILING_EVERY, dev.mcpulse.bench.fanout.FleetMix.DEADLINE.toMillis(),
                r.warmupCycles(), r.steadyCycles(), r.historyCycles(), "`" + String.join(" ", r.jvmOptions()) + "`"));
        md.append("DynamoDB units: ").append(f.capacityReported
                ? "DynamoDB Local returned `ConsumedCapacity` for every request (`ReturnConsumedCapacity=TOTAL`); the "
                + "tables use those figures (plus a refused conditional write's units, computed: no response reports "
                + "them). The units computed from the items by DynamoDB's rules are shown beside them."
                : "DynamoDB Local did not return `ConsumedCapacity` for every request, so the figures are computed from the "
                + "items by DynamoDB's rules (writes per started 1 KB, reads per started 4 KB, half for eventually "
                + "consistent reads; a Query's items together). A Query's computed units miss what a filter discarded "
                + "and what a projection left out.").append("\n\n");

        md.append("Per steady cycle, at ").append(r.endpoints()).append(" endpoints:\n\n");
        md.append("| phase | invocations | wall s (sum) | GB-s | RRU | WRU | RRU computed | WRU computed | AWS calls | log bytes |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        phaseRow(md, f, "scheduler", 1, c -> f.scheduler(c), c -> f.seconds(f.scheduler(c)), f.run.scheduler().memoryMb());
        phaseRow(md, f, "probe shards", f.steady(c -> f.shards(c).size()), f::shardsOf, f::shardSeconds,
                f.run.probe().memoryMb());
        phaseRow(md, f, "event source mapping (receive, delete)", 0, f::eventSourceMapping, c -> 0, 0);
        md.append('\n');
        md.append("- Endpoints due per cycle: ").append(number(f.steady(c -> f.scheduler(c).figure("due"))))
                .append(" of ").append(r.endpoints()).append(" (skipped in back-off: ")
                .append(number(f.steady(c -> f.scheduler(c).figure("skippedInBackoff")))).append("); shards per cycle: ")
                .append(number(f.steady(c -> f.shards(c).size()))).append(" of up to ").append(f.shardSize())
                .append(" endpoints (`ShardSize` default).\n");
        List<PhaseFigures> healthy = f.steadyShards(false);
        List<PhaseFigures> failing = f.steadyShards(true);
        md.append("- Steady shards with no failing endpoint: ").append(healthy.size()).append(", median wall ")
                .append(ms(CostFigures.median(healthy, f::seconds))).append(", median CPU ")
                .append(ms(CostFigures.median(healthy, s -> s.figure("cpuNanos") / 1e9))).append("; with a failing one due: ")
                .append(failing.size()).append(", median wall ").append(ms(CostFigures.median(failing, f::seconds)))
                .append(" (it waits out the black hole's deadline). A probe function of ").append(f.run.probe().memoryMb())
                .append(" MB: ").append(number(in.probeGbSecondsPerEndpoint() * 1000)).append(" GB-s per 1,000 endpoint-checks.\n");
        md.append("- Probes put off by the overload guard (a probe that ran while the process stalled is probed again "
                + "later, not recorded; here other work shares the core, on Lambda a shard has its own): ")
                .append(number(f.steady(c -> f.shardsOf(c).overloadRetries()))).append(" per steady cycle. Each "
                + "lengthens its shard, most of all a black hole's, which then waits out its deadline twice.\n");
        md.append("- SQS per cycle: ").append(calls(f, c -> f.scheduler(c), "sqs.")).append(" from the scheduler; ")
                .append(calls(f, f::eventSourceMapping, "sqs.")).append(" from the event source mapping; message size ")
                .append(number(CostFigures.median(f.steadyShards(false), s -> s.figure("messageBytes"))))
                .append(" bytes a shard (billed per started 64 KB).\n");
        md.append("- DynamoDB calls per cycle: scheduler ").append(calls(f, c -> f.scheduler(c), "dynamodb."))
                .append("; shards ").append(calls(f, f::shardsOf, "dynamodb.")).append(".\n");
        Map<String, Long> failures = new java.util.TreeMap<>();
        f.steadyCycles().forEach(c -> f.scheduler(c).plus(f.shardsOf(c)).failures()
                .forEach((k, v) -> failures.merge(k, v, Long::sum)));
        md.append("- Refused or failed calls in the steady cycles: ").append(failures.isEmpty() ? "none" : failures)
                .append(".\n");
        md.append("- Cold: the functions' contexts started in ")
                .append(ms(f.seconds(f.phase("init:scheduler")))).append(" (scheduler), ")
                .append(ms(f.seconds(f.phase("init:probe")))).append(" (probe), ")
                .append(ms(f.seconds(f.phase("init:api")))).append(" (api); the first shard of the process took ")
                .append(ms(f.seconds(f.phase("probe#1#1")))).append(" (first snapshots of its endpoints too). A cold "
                + "probe container is counted as its context's start plus its first shard's excess over a warm one: ")
                .append(number(in.probeColdGbSeconds())).append(" GB-s. (SnapStart, on in the template, restores instead; "
                + "its restore and cache charges are not modelled.)\n");

        md.append("\nItems written in the steady cycles, and what the table holds at the end (sizes by DynamoDB's rules):\n\n"
                + "| kind | written per cycle | mean bytes | max bytes | kept for | items stored at the end |\n|---|---|---|---|---|---|\n");
        Map<String, PhaseFigures.Sizes> writes = f.steadyWrites();
        java.util.Set<String> kinds = new java.util.TreeSet<>(writes.keySet());
        kinds.addAll(r.stored().keySet());
        for (String kind : kinds) {
            PhaseFigures.Sizes w = writes.get(kind);
            PhaseFigures.Sizes s = r.stored().get(kind);
            md.append("| ").append(kind).append(" | ")
                    .append(w == null ? "0" : number(w.count() / (double) r.steadyCycles())).append(" | ")
                    .append(number((w != null ? w : s).meanBytes())).append(" | ")
                    .append(number((w != null ? w : s).maxBytes())).append(" | ")
                    .append(w != null && w.meanTtlSeconds().isPresent()
                            ? number(w.meanTtlSeconds().getAsDouble() / 86400) + " days (TTL)" : "until overwritten")
                    .append(" | ").append(s == null ? 0 : s.count()).append(" |\n");
        }
        md.append("\nStored per endpoint, as billed (100 bytes of overhead an item): ")
                .append(number(in.storageBytesPerEndpoint())).append(" bytes.\n");

        md.append("\nThe dashboard's requests through the api function (median of the warm repeats):\n\n"
                + "| request | rows | wall ms | GB-s | RRU | response bytes | log bytes |\n|---|---|---|---|---|---|---|\n");
        apiRow(md, f, "first", "first page `GET /api/mcp/clients`", in.firstPage());
        apiRow(md, f, "page", "next page `?limit=" + dashboard.get("PAGE_SIZE") + "&next=…`", in.page());
        apiRow(md, f, "detail", "one endpoint `/{id}?history=" + dashboard.get("history") + "` (a sparkline, whole)",
                in.detail());
        if (CostFigures.chartUpdate(dashboard).equals("detailAfter")) {
            apiRow(md, f, "detailAfter", "the same `&history_after=…` (a sparkline's update: the one check it lacks)",
                    in.chartUpdate());
        }
        md.append("\nLogs: ").append(number(in.logBytesPerEndpoint())).append(" bytes per endpoint-check from the probe "
                + "function (JSON log lines and EMF lines), ").append(number(in.logBytesPerCycle()))
                .append(" bytes per cycle from the scheduler. Custom metrics the functions sent in the steady cycles (EMF, "
                + "namespace, name and dimension values; on AWS the dimension is the function's name; a count of zero is "
                + "not sent, so an outcome the fleet never had costs nothing; each metric sent is priced as if sent every "
                + "hour of the month, an upper bound): ")
                .append(f.customMetrics().size()).append(" — ")
                .append(f.customMetrics().stream().map(m -> "`" + m.split("/")[1] + "`").distinct()
                        .collect(Collectors.joining(", "))).append(".\n");

        md.append("\n## Assumptions (named constants of `CostModel.Assumptions`)\n\n");
        md.append("- Failure mix: ").append(number(as.failingShare() * 100)).append(" % of endpoints failing (black holes "
                + "that time out), in back-off as the scheduler keeps them; the rest healthy. The run's fleet has exactly "
                + "that mix, so the figures above include their back-off.\n");
        md.append("- Dashboard: one browser open ").append(number(as.dashboardHoursPerDay())).append(" hours a day, "
                + "refreshing as `app.js` and `fleet-list.js` do: every ").append(number(in.dashboard().refreshSeconds()))
                .append(" s the pages on screen (assumed: ").append(in.dashboard().maxPages()).append(" page of ")
                .append(in.dashboard().pageRows()).append(" rows); each loaded row's sparkline read whole once when the "
                + "dashboard is opened (once a day), then asked for the checks it lacks (`history_after`, the update "
                + "measured above) once the row shows a newer check (once per probe interval, ")
                .append(number(in.intervalSeconds())).append(" s; less for an endpoint in back-off), ").append(in.dashboard().sparkConcurrency()).append(" at once, each taking the measured wall time plus a "
                + "browser round trip of ").append(ms(as.browserRoundTripSeconds())).append(" (which caps their rate). "
                + "Each page carries the whole fleet's summary: up to ").append(String.format(Locale.ROOT, "%,d",
                        in.summary().countedUpTo())).append(" endpoints counted at the request (`FleetQuery`), which "
                + "reads what the scheduler's cycle reads, ").append(number(in.summary().rruPerEndpoint()))
                .append(" RRU an endpoint as measured, so a page's RRU grows with the fleet up to there (the run's page, "
                + "at ").append(in.summary().measuredAt()).append(" endpoints, read ").append(number(in.firstPage().rru()))
                .append("; at ").append(String.format(Locale.ROOT, "%,d", in.summary().countedUpTo())).append(": ")
                .append(number(in.summary().pageRru(in.firstPage().rru(), in.summary().countedUpTo())))
                .append("); above, the last "
                + "cycle's counts, read with the cycle record the page reads anyway (").append(number(
                        in.summary().pageRru(in.firstPage().rru(), in.summary().countedUpTo() + 1)))
                .append(" RRU). A page's rows are confirmed by their shards' check batches of the latest two cycles, half a"
                + " unit a batch, and a larger fleet spreads a page's rows over more shards: a page of ")
                .append(in.dashboard().firstPageRows()).append(" rows reads ")
                .append(number(in.pageConfirms().rru(in.dashboard().firstPageRows(), in.summary().measuredAt())))
                .append(" RRU of them at the run's ").append(in.summary().measuredAt()).append(" endpoints, ")
                .append(number(in.pageConfirms().rru(in.dashboard().firstPageRows(), 10_000))).append(" at 10,000 and ")
                .append(number(in.pageConfirms().rru(in.dashboard().firstPageRows(), 100_000)))
                .append(" at 100,000 (`CostModel.PageConfirms`; added to the measured page). The page's Lambda time is"
                + " kept as measured.\n");
        md.append("- EventBridge: ").append(number(as.statusChangesPerEndpointPerDay()))
                .append(" status change per endpoint per day, one event each (events are sent only on a change).\n");
        double secretsPerShard = Math.min(Math.ceil(1_000 * as.authenticatedShare() / as.endpointsPerSecret()),
                in.shardSize() * as.authenticatedShare());
        md.append("- Secrets Manager: ").append(number(as.authenticatedShare() * 100)).append(" % of endpoints "
                + "authenticated, ").append(number(as.endpointsPerSecret())).append(" endpoints per secret. A probe "
                + "shard reads the secrets it holds no current value for before its probes, in one `BatchGetSecretValue` "
                + "call per ").append(in.secretsPerCall()).append(" (`SecretsManagerSecretResolver.BATCH_LIMIT`), and "
                + "makes no other call: measured at a loopback Secrets Manager through the real SDK client, a shard of 25 "
                + "endpoints over 7 secrets makes 1 call on a cold container, 0 on a warm one, 1 again once the TTL has "
                + "passed, and a second shard sharing 2 of those secrets 1 call for its other 5 (`SecretReadsPerShardIT`); "
                + "45 secrets take 3 calls (`SecretsManagerSecretResolverIT`). The cache keeps a secret for a random time "
                + "between half of ").append(number(in.secretCacheTtlSeconds())).append(" s and all of it "
                + "(`SecretsConfiguration.DEFAULT_CACHE_TTL`; a refused cached value is read again at once, so a rotation "
                + "does not wait for it; a deleted secret shows that much later). A call made for a due secret also reads, "
                + "up to its ").append(in.secretsPerCall()).append(", the secrets the container holds that are past half "
                + "their TTL and were asked for since their read, so a container that meets many secrets reads them "
                + "that many to a call: 100 secrets met 5 to a shard, 100 shards a TTL, took 154 to 178 calls over 40 "
                + "half TTLs in eleven runs (bound 200), 1,388 without reading ahead "
                + "(`SecretsManagerSecretResolverIT.aContainerMeetingManySecretsInSmallShardsReadsThemTwentyToACall`). "
                + "So the calls are the fewer of: one per probe invocation for every ").append(in.secretsPerCall())
                .append(" secrets of its shard (").append(number(secretsPerShard)).append(" a shard at 1,000 endpoints "
                + "and more: one call), and one per ").append(in.secretsPerCall()).append(" secrets per half TTL in each "
                + "warm probe container (as many as below). Not measured in this run: it resolves secrets locally.\n");
        md.append("- Parameter Store (the rows that say so): as many SecureString parameters as there would be secrets, "
                + "read through the same cache, ").append(ParameterStoreSecretResolver.BATCH_LIMIT).append(" to a "
                + "`GetParameters` call (`ParameterStoreSecretResolverIT`). A standard parameter and its reads at standard "
                + "throughput have no charge; each SecureString read is one KMS decryption, at $")
                .append(price(p.kmsPer10kRequests())).append(" per 10,000 (the AWS-managed key `aws/ssm` has no monthly "
                + "fee), as many as the parameters read: the fewer of every parameter of each shard invocation, and each "
                + "parameter once per half TTL in each warm probe container.\n");
        md.append("- Probe containers: a cycle's shards start over the template's jitter window (`JitterSeconds` = ")
                .append(number(in.jitterSeconds())).append(" s) and each lasts the run's mean steady shard (")
                .append(number(in.shardSeconds() * 1000)).append(" ms), so shards × mean ÷ window are in flight at once "
                + "(Little's law; all of them at once without a window); never fewer than the event source mapping's ")
                .append(CostModel.EVENT_SOURCE_MAPPING_BATCHES).append(" concurrent batches (AWS's documented floor), never "
                + "more than `ProbeMaxConcurrency` = ").append(in.probeMaxConcurrency()).append(". Peaks above the mean "
                + "are not modelled. Each container starts cold ").append(number(as.coldStartsPerContainerHour()))
                .append(" time(s) an hour (AWS does not publish how long it keeps an idle environment).\n");
        md.append("- Lambda's own log lines (START, END, REPORT, with the X-Ray trace id): ")
                .append(number(as.platformLogBytesPerInvocation())).append(" bytes per invocation.\n");
        md.append("- The scheduler's wall time grows with the fleet in proportion (measured at ").append(r.endpoints())
                .append(", so a fixed part of it is scaled too: an upper bound); the probe's shards, DynamoDB, SQS and logs likewise per endpoint; the cycle record's write "
                + "and the custom metrics do not grow.\n");
        md.append("- Gatus: ").append(p.gatusVmType()).append(" on demand at $").append(price(p.gatusVmHour()))
                .append(" an hour with a ").append(p.gatusDiskGb()).append(" GB gp3 disk ($").append(price(p.gatusDiskGbMonth()))
                .append("/GB-month), one VM per ").append(String.format(Locale.ROOT, "%,d", as.gatusEndpointsPerVm()))
                .append(" endpoints (not measured here; Gatus was not run), no redundancy, no operator time.\n");
        md.append("- Not counted: the event source mapping's idle polls of the queue, data transfer, X-Ray traces, "
                + "CloudWatch Logs storage beyond ingestion, alarms, the dashboard's sign-in (Cognito), point-in-time "
                + "recovery of the table, KMS for Secrets Manager (its decryptions are in the secret's price).\n");

        md.append("\n## Prices (us-east-1, list prices as of 2026-12-03, not fetched here)\n\n");
        md.append("Lambda arm64 $").append(price(p.lambdaGbSecond())).append(" per GB-s and $").append(price(p.lambdaPerMillionRequests()))
                .append(" per million requests; DynamoDB on demand $").append(price(p.dynamoDbPerMillionWru()))
                .append(" per million WRU, $").append(price(p.dynamoDbPerMillionRru())).append(" per million RRU, storage $")
                .append(price(p.dynamoDbGbMonth())).append("/GB-month; SQS $").append(price(p.sqsPerMillionRequests()))
                .append(" per million requests (64 KB chunks); EventBridge custom events $")
                .append(price(p.eventBridgePerMillionEvents())).append(" per million; Secrets Manager $").append(price(p.secretMonth()))
                .append(" per secret-month and $").append(price(p.secretsPer10kCalls())).append(" per 10,000 API calls; "
                + "Parameter Store standard parameters and standard throughput: no charge; KMS $")
                .append(price(p.kmsPer10kRequests())).append(" per 10,000 requests; "
                + "CloudWatch Logs ingestion $").append(price(p.logsIngestionPerGb())).append("/GB; custom metrics $")
                .append(price(p.customMetricMonth())).append(" per metric-month (first 10,000; prorated by the hour, billed for the hours in which a metric is sent); "
                        + "API Gateway HTTP API $")
                .append(price(p.apiGatewayPerMillion())).append(" per million requests; CloudWatch Synthetics $")
                .append(price(p.syntheticsPerRun())).append(" per canary run; EC2 ").append(p.gatusVmType()).append(" $")
                .append(price(p.gatusVmHour())).append(" an hour on demand, EBS gp3 $").append(price(p.gatusDiskGbMonth()))
                .append("/GB-month. A month is 730 hours (8,760 cycles at 5 minutes).\n\n");
        md.append("Free tiers, left out of every figure above: Lambda 1 million requests and 400,000 GB-s a month; "
                + "DynamoDB 25 GB of storage; SQS 1 million requests a month; CloudWatch 10 custom metrics and 5 GB of log "
                + "ingestion; API Gateway HTTP API 1 million requests a month for the first 12 months; Secrets Manager a "
                + "30-day trial per secret; KMS 20,000 requests a month. EventBridge custom events have none.\n");
        return md.toString();
    }

    static final String EXPLANATION = """
            How to read this. Each figure below comes from one run of the real functions on this machine (section \
            "What the run measured"), scaled to each fleet size per endpoint and cycle, times the list prices. The \
            model is in `benchmarks/…/cost/CostModel.java`; its assumptions are named constants, printed at the end. \
            Re-run `bin/mcpulse-bench --only COST` after a change to the write path, the dashboard or the template: the \
            tables follow what the code does at that commit.

            Where the money goes: the probe function's Lambda time is one shard's wall time (its slowest probe, so a \
            shard with a black hole due costs its whole deadline) times its memory; DynamoDB writes are what each \
            check stores; reads are the scheduler's reading of the registry and snapshots each cycle, each probe \
            shard's reading of its endpoints' snapshots (their registry entries come with the shard, checked by one \
            read of the registry's version), and the dashboard's pages. An open dashboard costs by the rows it loads: the %d page(s) on screen every %s s, and every \
            loaded row's sparkline once whole, then its new check once per probe interval. Secrets Manager \
            charges per secret, whatever it holds, so endpoints that share a credential should share a secret, and \
            the tokens of many endpoints can share one JSON secret (each endpoint names its own with `key`); and per call, and a probe shard reads whichever of its \
            secrets its container holds no current value for in one call, with the container's other secrets that \
            will soon be due in the same call.

            The levers the table points at: the writes each check makes (the WRU per cycle below; #16 names the \
            remedies: a snapshot only when something visible changes, one item per shard and cycle instead of one per \
            check); the probe function's log line per probe (CloudWatch Logs ingestion); Secrets Manager's \
            $0.40 a secret (fewer secrets, shared by the endpoints of one credential; or Parameter Store, which has no \
            charge per parameter); and an open \
            dashboard's page reads, every 15 s, and its sparkline updates, one per loaded row and check. \
            A shard that waits out a black hole's deadline costs that deadline in Lambda time; back-off keeps that rare.
            """;

    /**
     * The same fleet with its authenticated endpoints' tokens kept {@value #SHARED_SECRET_TOKENS} to a secret, each
     * endpoint naming its own with {@code key}: a secret is billed whatever it holds (up to 64 KB), and the probe reads
     * a shared secret once for all its endpoints. Say, a team's servers in one secret.
     */
    static CostModel.Month withSharedSecrets(int endpoints, CostModel.Inputs in, CostModel.Assumptions as,
                                                     CostModel.Prices p) {
        return CostModel.month(endpoints, in, as.withEndpointsPerSecret(SHARED_SECRET_TOKENS), p);
    }

    /**
     * The same fleet with its credentials as Parameter Store SecureStrings, as many as there would be secrets: no
     * monthly charge each; each read is a KMS decryption.
     */
    static CostModel.Month withParameterStore(int endpoints, CostModel.Inputs in, CostModel.Assumptions as,
                                                      CostModel.Prices p) {
        return CostModel.month(endpoints, in, as.withSecretsInParameterStore(), p);
    }

    private static String met(double perThousand) {
        return perThousand <= TARGET_PER_THOUSAND ? " (met)" : "";
    }

    /**
     * Why the small fleets miss the target: what does not grow with the fleet (an open dashboard, the custom metrics),
     * against what each further 1,000 endpoints cost (between the two largest fleets of the table), with both levers.
     */
    private static void floor(StringBuilder md, CostModel.Inputs in, CostModel.Assumptions as, CostModel.Prices p) {
        int small = FLEETS.get(1);
        int large = FLEETS.getLast();
        int below = FLEETS.get(FLEETS.size() - 2);
        CostModel.Month levers = withParameterStore(small, in, as, p);
        double dashboard = levers.total() - withParameterStore(small, in, as.withDashboardHoursPerDay(0), p).total();
        double metrics = levers.dollars().getOrDefault(CostModel.CUSTOM_METRICS, 0.0);
        double perThousandMore = (withoutCustomMetrics(withParameterStore(large, in, as, p)) * large / 1000.0
                - withoutCustomMetrics(withParameterStore(below, in, as, p)) * below / 1000.0) / ((large - below) / 1000.0);
        md.append(String.format(Locale.ROOT, "What does not grow with the fleet: with the credentials in Parameter Store, "
                        + "%,d endpoints cost %s a month, of which %s do not grow with the fleet: %s for one dashboard open "
                        + "%s hours a day (its reads, the api function and API Gateway) and %s for the custom metrics "
                        + "(`PublishMetrics=false` leaves them out). Each further 1,000 endpoints cost %s a month (from "
                        + "%,d to %,d endpoints, without custom metrics), against the target of %s.%n%n",
                small, dollars(levers.total()), dollars(dashboard + metrics), dollars(dashboard),
                number(as.dashboardHoursPerDay()), dollars(metrics), dollars(perThousandMore), below, large,
                dollars(TARGET_PER_THOUSAND)));
    }

    /** Per 1,000 endpoints, the month without its custom metrics: a line of its own, nothing else depends on it. */
    static double withoutCustomMetrics(CostModel.Month month) {
        double metrics = month.dollars().getOrDefault(CostModel.CUSTOM_METRICS, 0.0);
        return (month.total() - metrics) / (month.endpoints() / 1000.0);
    }

    private static CostModel.Month withoutDashboard(int endpoints, CostModel.Inputs in, CostModel.Assumptions as,
                                                    CostModel.Prices p) {
        return CostModel.month(endpoints, in, as.withDashboardHoursPerDay(0), p);
    }

    private static void phaseRow(StringBuilder md, CostFigures f, String name, double invocations,
                                 java.util.function.IntFunction<PhaseFigures> perCycle,
                                 java.util.function.IntToDoubleFunction seconds, int memoryMb) {
        double wall = f.steady(seconds);
        md.append("| ").append(name).append(" | ").append(number(invocations)).append(" | ")
                .append(memoryMb == 0 ? "" : number(wall)).append(" | ")
                .append(memoryMb == 0 ? "" : number(wall * CostFigures.gb(memoryMb))).append(" | ")
                .append(number(f.steady(c -> f.rru(perCycle.apply(c))))).append(" | ")
                .append(number(f.steady(c -> f.wru(perCycle.apply(c))))).append(" | ")
                .append(number(f.steady(c -> perCycle.apply(c).rruComputed()))).append(" | ")
                .append(number(f.steady(c -> perCycle.apply(c).wruComputed()))).append(" | ")
                .append(number(f.steady(c -> perCycle.apply(c).calls().values().stream().mapToLong(Long::longValue).sum())))
                .append(" | ").append(number(f.steady(c -> perCycle.apply(c).logBytes()))).append(" |\n");
    }

    private static String calls(CostFigures f, java.util.function.IntFunction<PhaseFigures> perCycle, String prefix) {
        Map<String, Double> means = new java.util.TreeMap<>();
        for (int cycle : f.steadyCycles()) {
            perCycle.apply(cycle).calls().forEach((op, n) -> {
                if (op.startsWith(prefix)) {
                    means.merge(op.substring(prefix.length()), n / (double) f.steadyCycles().size(), Double::sum);
                }
            });
        }
        List<String> parts = new ArrayList<>();
        means.forEach((op, n) -> parts.add(number(n) + " " + op));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void apiRow(StringBuilder md, CostFigures f, String kind, String label, CostModel.ApiRequest request) {
        PhaseFigures first = f.apiRequests(kind).getFirst();
        String rows = first.figures().containsKey("rows") ? number(first.figure("rows"))
                : first.figures().containsKey("historyItems") ? number(first.figure("historyItems")) + " history items" : "";
        md.append("| ").append(label).append(" | ").append(rows).append(" | ").append(number(f.apiSeconds(kind) * 1000))
                .append(" | ").append(number(request.gbSeconds())).append(" | ").append(number(request.rru())).append(" | ")
                .append(number(first.figure("responseBytes"))).append(" | ").append(number(request.logBytes())).append(" |\n");
    }

    /** A price as written on AWS's pages: plain digits, never an exponent. */
    static String price(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String dollars(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "$%,.0f", value) : String.format(Locale.ROOT, "$%.2f", value);
    }

    private static String count(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : number(value);
    }

    private static String ms(double seconds) {
        return number(seconds * 1000) + " ms";
    }
}
