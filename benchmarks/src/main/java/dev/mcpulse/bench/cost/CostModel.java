package dev.mcpulse.bench.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A month of a fleet on AWS, from what the cost run measured per endpoint and cycle ({@link Inputs}), the list
 * prices ({@link Prices}) and the model's assumptions ({@link Assumptions}). Everything that the code does per
 * endpoint scales with the fleet; what it does once per cycle (the scheduler's cycle record) or once per deployment
 * (the custom metrics) does not. Free tiers are left out.
 */
public final class CostModel {

    /** AWS's month for pricing: 730 hours. */
    static final double HOURS_PER_MONTH = 730;
    static final double DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
    static final double GIB = 1024.0 * 1024 * 1024;
    static final double MILLION = 1_000_000;

    private CostModel() {
    }

    /** List prices, us-east-1, as the brief states them for 2026-12-03 (not fetched by this run). */
    public record Prices(double lambdaGbSecond, double lambdaPerMillionRequests, double dynamoDbPerMillionWru,
                         double dynamoDbPerMillionRru, double dynamoDbGbMonth, double sqsPerMillionRequests,
                         double eventBridgePerMillionEvents, double secretMonth, double secretsPer10kCalls,
                         double logsIngestionPerGb, double customMetricMonth, double apiGatewayPerMillion,
                         double syntheticsPerRun, double gatusVmHour, String gatusVmType, double gatusDiskGbMonth,
                         int gatusDiskGb, double kmsPer10kRequests) {

        public static final Prices LIST_2026_12_03 = new Prices(0.0000133334, 0.20, 0.625, 0.125, 0.25, 0.40, 1.00,
                0.40, 0.05, 0.50, 0.30, 1.00, 0.0012, 0.0168, "t4g.small", 0.08, 8, 0.03);
    }

    /**
     * What the model assumes and cannot measure here, each printed in docs/cost.md.
     *
     * @param failingShare the share of endpoints that fail (the run's fleet: black holes, in back-off)
     * @param dashboardHoursPerDay how long one dashboard is open a day, refreshing every {@code refreshSeconds}
     * @param browserRoundTripSeconds the round trip a browser adds to each sparkline request (caps their rate)
     * @param statusChangesPerEndpointPerDay status changes, each one EventBridge event
     * @param authenticatedShare endpoints that reference a secret
     * @param endpointsPerSecret how many authenticated endpoints share one secret
     * @param coldStartsPerContainerHour how often each probe container starts cold
     * @param platformLogBytesPerInvocation Lambda's own START, END and REPORT lines (with X-Ray's trace id)
     * @param gatusEndpointsPerVm endpoints one Gatus VM checks at the cadence
     * @param secretsInParameterStore the credentials are Parameter Store SecureStrings, not Secrets Manager secrets
     */
    public record Assumptions(double failingShare, double dashboardHoursPerDay, double browserRoundTripSeconds,
                              double statusChangesPerEndpointPerDay, double authenticatedShare,
                              double endpointsPerSecret,
                              double coldStartsPerContainerHour, double platformLogBytesPerInvocation,
                              int gatusEndpointsPerVm, boolean secretsInParameterStore) {

        public static final Assumptions DEFAULT = new Assumptions(0.05, 8, 0.05, 1, 0.2, 10, 1, 400, 10_000, false);

        /** The same, with the dashboard open {@code hours} a day. */
        public Assumptions withDashboardHoursPerDay(double hours) {
            return new Assumptions(failingShare, hours, browserRoundTripSeconds, statusChangesPerEndpointPerDay,
                    authenticatedShare, endpointsPerSecret, coldStartsPerContainerHour, platformLogBytesPerInvocation,
                    gatusEndpointsPerVm, secretsInParameterStore);
        }

        /** The same, with {@code endpoints} authenticated endpoints to a secret. */
        public Assumptions withEndpointsPerSecret(double endpoints) {
            return new Assumptions(failingShare, dashboardHoursPerDay, browserRoundTripSeconds,
                    statusChangesPerEndpointPerDay, authenticatedShare, endpoints, coldStartsPerContainerHour,
                    platformLogBytesPerInvocation, gatusEndpointsPerVm, secretsInParameterStore);
        }

        /** The same, with the credentials in Parameter Store (as many parameters as there would be secrets). */
        public Assumptions withSecretsInParameterStore() {
            return new Assumptions(failingShare, dashboardHoursPerDay, browserRoundTripSeconds,
                    statusChangesPerEndpointPerDay, authenticatedShare, endpointsPerSecret, coldStartsPerContainerHour,
                    platformLogBytesPerInvocation, gatusEndpointsPerVm, true);
        }
    }

    /** One kind of API request: what it costs each time. */
    public record ApiRequest(double rru, double gbSeconds, double logBytes) {
    }

    /**
     * The whole fleet's summary that every list page carries: counted at the request, by reading every entry and
     * snapshot, for a fleet of up to {@code countedUpTo} endpoints; above that, the last cycle's counts, read with
     * the cycle record the page reads anyway ({@code FleetQuery}). A page measured on a fleet of {@code measuredAt}
     * endpoints holds its count's reads, which grow with the fleet: {@code rruPerEndpoint} each.
     */
    public record SummaryCount(double rruPerEndpoint, int countedUpTo, int measuredAt) {

        /** What a page measured at {@code measuredAt} endpoints reads at {@code endpoints}. */
        double pageRru(double measuredRru, int endpoints) {
            double measuredCount = measuredAt <= countedUpTo ? rruPerEndpoint * measuredAt : 0;
            double count = endpoints <= countedUpTo ? rruPerEndpoint * endpoints : 0;
            return Math.max(0, measuredRru - measuredCount) + count;
        }
    }

    /**
     * A page's rows are confirmed by their shards' check batches of the latest {@code cyclesRead} cycles
     * ({@code CheckBatches.confirm}): one item for each cycle and each shard that holds a row, half a unit each
     * ({@code rruPerBatchItem}, from the measured size of a batch). A page's rows are spread over the shards by their
     * ids' hash, so a page of r rows over s shards reads s x (1 - (1 - 1/s)^r) of them a cycle: all 16 of the run's
     * 400 endpoints, about 88 of 400 at 10,000. The run measured its pages at {@code measuredAt} endpoints; a larger
     * fleet's pages read more batches, which the page's measured units do not hold.
     */
    public record PageConfirms(int shardSize, double dueShare, int cyclesRead, double rruPerBatchItem, int measuredAt) {
        public static final PageConfirms NONE = new PageConfirms(1, 1, 0, 0, 1);

        /** The read units a page of {@code rows} rows reads at {@code endpoints} beyond what it read in the run. */
        double extraRru(int rows, int endpoints) {
            return Math.max(0, rru(rows, endpoints) - rru(rows, measuredAt));
        }

        double rru(int rows, int endpoints) {
            double shards = Math.max(1, Math.ceil(endpoints * dueShare / shardSize));
            double held = shards * (1 - Math.pow(1 - 1 / shards, Math.min(rows, endpoints)));
            return cyclesRead * held * rruPerBatchItem;
        }
    }

    /**
     * The dashboard as app.js polls: every {@code refreshSeconds} the first page ({@code firstPageRows}) and further
     * pages of {@code pageRows} up to {@code maxPages}; each loaded row's sparkline (a detail request) when the row
     * shows a check newer than its copy's, {@code sparkConcurrency} requests at once.
     */
    public record Dashboard(double refreshSeconds, int firstPageRows, int pageRows, int maxPages,
                            int sparkConcurrency) {
    }

    /**
     * The measured figures, per endpoint and cycle unless named otherwise; {@code detail} is a chart read whole (a
     * row's first), {@code chartUpdate} what a chart asks once its row shows a new check (the checks since the one it
     * holds, where the dashboard asks so; else the whole chart again); and what the code sets that the model
     * follows: the secret cache's TTL and the most secrets one Secrets Manager call reads ({@code secretsPerCall});
     * the template's jitter window over which a cycle's shards start, and a steady shard's mean wall time.
     */
    public record Inputs(double intervalSeconds, int shardSize, int probeMaxConcurrency,
                         double probeGbSecondsPerEndpoint, double probeInvocationsPerEndpoint,
                         double schedulerGbSecondsPerEndpoint, double rruPerEndpoint, double wruPerEndpoint,
                         double wruPerCycle, double sqsRequestsPerEndpoint, double logBytesPerEndpoint,
                         double logBytesPerCycle, double storageBytesPerEndpoint, ApiRequest firstPage,
                         ApiRequest page, ApiRequest detail, ApiRequest chartUpdate, double chartUpdateSeconds,
                         Dashboard dashboard,
                         int customMetrics, double probeColdGbSeconds, double dueShare, double secretCacheTtlSeconds,
                         int secretsPerCall, double jitterSeconds, double shardSeconds, SummaryCount summary,
                         PageConfirms pageConfirms) {
    }

    /** One fleet's month: dollars by service (in order) and the quantities behind them. */
    public record Month(int endpoints, Map<String, Double> dollars, Map<String, Double> quantities) {

        public double total() {
            return dollars.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public double perThousand() {
            return total() / (endpoints / 1000.0);
        }
    }

    /**
     * Lambda's SQS event source mapping invokes up to five batches at once as soon as messages wait, and scales back
     * to five when traffic is low (it would go to two, but not with MaximumConcurrency set, as the template sets it):
     * AWS Lambda Developer Guide, "Configuring scaling behavior for SQS event source mappings".
     */
    static final int EVENT_SOURCE_MAPPING_BATCHES = 5;

    /**
     * How often a day the dashboard is opened (its hours a day in one sitting): each opening reads every loaded row's
     * chart whole once, then only the checks each row's chart lacks.
     */
    static final double DASHBOARD_OPENINGS_PER_DAY = 1;

    /** The line of a month's custom metrics, which the template's PublishMetrics=false leaves out. */
    static final String CUSTOM_METRICS = "CloudWatch custom metrics";

    /**
     * Warm probe containers a cycle keeps busy: shards arriving over the jitter window, each lasting the measured
     * mean, are in flight {@code shards × shardSeconds / window} at a time (Little's law); all at once without a
     * window. Never fewer than the event source mapping's five batches (nor than the shards), never more than
     * {@code ProbeMaxConcurrency}.
     */
    static double probeContainers(double shardsPerCycle, Inputs in) {
        double window = Math.max(in.jitterSeconds(), in.shardSeconds());
        double inFlight = window > 0 ? Math.ceil(shardsPerCycle * in.shardSeconds() / window) : Math.ceil(shardsPerCycle);
        double floor = Math.min(Math.ceil(shardsPerCycle), EVENT_SOURCE_MAPPING_BATCHES);
        return Math.min(in.probeMaxConcurrency(), Math.max(floor, inFlight));
    }

    public static Month month(int endpoints, Inputs in, Assumptions as, Prices p) {
        double cycles = HOURS_PER_MONTH * 3600 / in.intervalSeconds();
        Map<String, Double> q = new LinkedHashMap<>();
        Map<String, Double> d = new LinkedHashMap<>();

        // Lambda: the probe's shards, the scheduler's cycles, the api's requests, and cold starts.
        double probeInvocations = cycles * endpoints * in.probeInvocationsPerEndpoint();
        double containers = probeContainers(endpoints * in.probeInvocationsPerEndpoint(), in);
        double coldStarts = containers * HOURS_PER_MONTH * as.coldStartsPerContainerHour();
        double probeGbSeconds = cycles * endpoints * in.probeGbSecondsPerEndpoint() + coldStarts * in.probeColdGbSeconds();
        double schedulerGbSeconds = cycles * endpoints * in.schedulerGbSecondsPerEndpoint();

        double openSeconds = as.dashboardHoursPerDay() * 3600 * DAYS_PER_MONTH;
        Dashboard ui = in.dashboard();
        int loadedRows = Math.min(endpoints, ui.firstPageRows() + (ui.maxPages() - 1) * ui.pageRows());
        int morePages = (int) Math.min(ui.maxPages() - 1,
                Math.ceil(Math.max(0, endpoints - ui.firstPageRows()) / (double) ui.pageRows()));
        double polls = openSeconds / ui.refreshSeconds();
        // A row's sparkline is asked again once the row shows a new check: once per probe interval (an endpoint in
        // back-off is checked less often, so this is an upper bound).
        double sparkRate = Math.min(loadedRows / in.intervalSeconds(),
                ui.sparkConcurrency() / (in.chartUpdateSeconds() + as.browserRoundTripSeconds()));
        double details = openSeconds * sparkRate;
        double wholeCharts = as.dashboardHoursPerDay() > 0 ? loadedRows * DASHBOARD_OPENINGS_PER_DAY * DAYS_PER_MONTH : 0;
        double apiRequests = polls * (1 + morePages) + details + wholeCharts;
        double apiGbSeconds = polls * (in.firstPage().gbSeconds() + morePages * in.page().gbSeconds())
                + details * in.chartUpdate().gbSeconds() + wholeCharts * in.detail().gbSeconds();

        double lambdaRequests = probeInvocations + cycles + apiRequests;
        double gbSeconds = probeGbSeconds + schedulerGbSeconds + apiGbSeconds;
        q.put("probe invocations", probeInvocations);
        q.put("probe containers (warm, busy at once)", containers);
        q.put("probe cold starts", coldStarts);
        q.put("probe GB-s", probeGbSeconds);
        q.put("scheduler GB-s", schedulerGbSeconds);
        q.put("api GB-s", apiGbSeconds);
        q.put("dashboard polls", polls);
        q.put("dashboard page requests", polls * (1 + morePages));
        q.put("sparkline requests (a new check each)", details);
        q.put("sparklines read whole (once a dashboard opening)", wholeCharts);
        d.put("Lambda: probe", probeGbSeconds * p.lambdaGbSecond() + probeInvocations / MILLION * p.lambdaPerMillionRequests());
        d.put("Lambda: scheduler", schedulerGbSeconds * p.lambdaGbSecond() + cycles / MILLION * p.lambdaPerMillionRequests());
        d.put("Lambda: api", apiGbSeconds * p.lambdaGbSecond() + apiRequests / MILLION * p.lambdaPerMillionRequests());
        d.put("API Gateway", apiRequests / MILLION * p.apiGatewayPerMillion());

        // DynamoDB.
        double wru = cycles * (endpoints * in.wruPerEndpoint() + in.wruPerCycle());
        double rru = cycles * endpoints * in.rruPerEndpoint()
                + polls * (in.summary().pageRru(in.firstPage().rru(), endpoints)
                        + in.pageConfirms().extraRru(ui.firstPageRows(), endpoints)
                        + morePages * (in.summary().pageRru(in.page().rru(), endpoints)
                                + in.pageConfirms().extraRru(ui.pageRows(), endpoints)))
                + details * in.chartUpdate().rru() + wholeCharts * in.detail().rru();
        double storageGb = endpoints * in.storageBytesPerEndpoint() / GIB;
        q.put("DynamoDB WRU", wru);
        q.put("DynamoDB RRU", rru);
        q.put("DynamoDB GB stored", storageGb);
        d.put("DynamoDB: writes", wru / MILLION * p.dynamoDbPerMillionWru());
        d.put("DynamoDB: reads", rru / MILLION * p.dynamoDbPerMillionRru());
        d.put("DynamoDB: storage", storageGb * p.dynamoDbGbMonth());

        // SQS, EventBridge, Secrets Manager.
        double sqs = cycles * endpoints * in.sqsRequestsPerEndpoint();
        q.put("SQS requests (64 KB chunks)", sqs);
        d.put("SQS", sqs / MILLION * p.sqsPerMillionRequests());
        double events = endpoints * as.statusChangesPerEndpointPerDay() * DAYS_PER_MONTH;
        q.put("EventBridge events", events);
        d.put("EventBridge", events / MILLION * p.eventBridgePerMillionEvents());
        double authenticated = endpoints * as.authenticatedShare();
        double secrets = Math.ceil(authenticated / as.endpointsPerSecret());
        // A shard reads the secrets it holds nothing current for before its probes, one BatchGetSecretValue call per
        // secretsPerCall of them, and nothing else: at most that many calls per shard invocation. A warm container
        // reads a given secret again no sooner than half the TTL later (the refresh point is random between half and
        // all of it), and a call made for a due secret fills up with the others past half their TTL: at most one call
        // per secretsPerCall secrets per half TTL per container (shards are spread by hash, so every container meets
        // every secret; a container replaced by a cold one counts as the same place; the bound is tested in
        // SecretsManagerSecretResolverIT).
        double secretsPerShard = Math.min(secrets, in.shardSize() * as.authenticatedShare());
        double halfTtls = HOURS_PER_MONTH * 3600 / (in.secretCacheTtlSeconds() / 2);
        if (as.secretsInParameterStore()) {
            // A standard parameter, and its reads at standard throughput, cost nothing; each SecureString read is one
            // KMS decryption (at the same price for the AWS-managed key aws/ssm). Parameters are read as secrets are
            // (the same cache): at most every parameter of each shard, at most each once per half TTL per container.
            double decryptions = Math.min(probeInvocations * secretsPerShard, containers * secrets * halfTtls);
            q.put("parameters", secrets);
            q.put("KMS decryptions", decryptions);
            d.put("Parameter Store: parameters", 0.0);
            d.put("KMS: decryptions", decryptions / 10_000 * p.kmsPer10kRequests());
        } else {
            double perShard = probeInvocations * Math.ceil(secretsPerShard / in.secretsPerCall());
            double perContainer = containers * Math.ceil(secrets / in.secretsPerCall()) * halfTtls;
            double secretCalls = Math.min(perShard, perContainer);
            q.put("secrets", secrets);
            q.put("Secrets Manager calls", secretCalls);
            d.put("Secrets Manager: secrets", secrets * p.secretMonth());
            d.put("Secrets Manager: calls", secretCalls / 10_000 * p.secretsPer10kCalls());
        }

        // CloudWatch.
        double logBytes = cycles * (endpoints * in.logBytesPerEndpoint() + in.logBytesPerCycle())
                + polls * (in.firstPage().logBytes() + morePages * in.page().logBytes())
                + details * in.chartUpdate().logBytes() + wholeCharts * in.detail().logBytes()
                + lambdaRequests * as.platformLogBytesPerInvocation();
        q.put("log GB", logBytes / GIB);
        q.put("custom metrics", (double) in.customMetrics());
        d.put("CloudWatch Logs ingestion", logBytes / GIB * p.logsIngestionPerGb());
        d.put(CUSTOM_METRICS, in.customMetrics() * p.customMetricMonth());
        q.put("Lambda requests", lambdaRequests);
        q.put("Lambda GB-s", gbSeconds);
        return new Month(endpoints, d, q);
    }

    /** The same fleet on CloudWatch Synthetics: one canary run per endpoint and cycle. */
    public static double synthetics(int endpoints, double intervalSeconds, Prices p) {
        return endpoints * HOURS_PER_MONTH * 3600 / intervalSeconds * p.syntheticsPerRun();
    }

    /** The same fleet on self-hosted Gatus: on-demand VMs with a disk each, as many as the assumption needs. */
    public static double gatus(int endpoints, Assumptions as, Prices p) {
        double vms = Math.ceil(endpoints / (double) as.gatusEndpointsPerVm());
        return vms * (p.gatusVmHour() * HOURS_PER_MONTH + p.gatusDiskGb() * p.gatusDiskGbMonth());
    }
}
