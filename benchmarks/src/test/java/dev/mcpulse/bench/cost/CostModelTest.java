package dev.mcpulse.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostModelTest {

    static final CostModel.Dashboard DASHBOARD = new CostModel.Dashboard(15, 100, 250, 41, 4);
    static final CostModel.ApiRequest NOTHING = new CostModel.ApiRequest(0, 0, 0);
    static final CostModel.SummaryCount NO_COUNT = new CostModel.SummaryCount(0, 2_000, 400);

    /** Inputs where only one figure is non-zero, so each test sees one service move. */
    static CostModel.Inputs only(double wruPerEndpoint, double probeGbSeconds) {
        return new CostModel.Inputs(300, 25, 100, probeGbSeconds, 0, 0, 0, wruPerEndpoint, 0, 0, 0, 0, 0, NOTHING,
                NOTHING, NOTHING, NOTHING, 0.02, DASHBOARD, 0, 0, 1, 3600, 20, 0, 0.05, NO_COUNT, CostModel.PageConfirms.NONE);
    }

    static final CostModel.Assumptions NO_DASHBOARD_NO_SECRETS = new CostModel.Assumptions(0.05, 0, 0.05, 0, 0, 10, 0,
            0, 10_000, false);

    @Test
    void writesScaleWithTheFleetAndTheCyclesOfAMonth() {
        CostModel.Month month = CostModel.month(1_000, only(2, 0), NO_DASHBOARD_NO_SECRETS, CostModel.Prices.LIST_2026_12_03);
        // 8,760 cycles of 1,000 endpoints writing 2 WRU each: 17.52 million WRU at $0.625 a million.
        assertThat(month.quantities().get("DynamoDB WRU")).isCloseTo(17_520_000, within(1.0));
        assertThat(month.dollars().get("DynamoDB: writes")).isCloseTo(10.95, within(0.001));
        // Besides the writes, only the scheduler's 8,760 invocations cost anything here.
        assertThat(month.perThousand()).isCloseTo(10.95 + 8_760 * 0.20 / 1_000_000, within(0.000001));
    }

    @Test
    void probeTimeIsBilledByTheGigabyteSecond() {
        CostModel.Month month = CostModel.month(100_000, only(0, 0.001), NO_DASHBOARD_NO_SECRETS,
                CostModel.Prices.LIST_2026_12_03);
        assertThat(month.quantities().get("probe GB-s")).isCloseTo(876_000, within(0.5));
        assertThat(month.dollars().get("Lambda: probe")).isCloseTo(876_000 * 0.0000133334, within(0.01));
    }

    @Test
    void theDashboardLoadsAtMostItsPagesAndItsSparklinesAreCappedByTheBrowsersConcurrency() {
        CostModel.Assumptions open = new CostModel.Assumptions(0.05, 8, 0.05, 0, 0, 10, 0, 0, 10_000, false);
        CostModel.Month small = CostModel.month(100, only(0, 0), open, CostModel.Prices.LIST_2026_12_03);
        CostModel.Month large = CostModel.month(100_000, only(0, 0), open, CostModel.Prices.LIST_2026_12_03);
        double polls = 8 * 3600 * CostModel.DAYS_PER_MONTH / 15;
        assertThat(small.quantities().get("dashboard page requests")).isCloseTo(polls, within(1.0));
        assertThat(large.quantities().get("dashboard page requests")).isCloseTo(41 * polls, within(1.0));
        // 100 rows, each again once a probe interval (300 s), when the row shows its new check; 10,100 rows likewise
        double openSeconds = 8 * 3600 * CostModel.DAYS_PER_MONTH;
        assertThat(small.quantities().get("sparkline requests (a new check each)")).isCloseTo(openSeconds * 100 / 300, within(1.0));
        assertThat(large.quantities().get("sparkline requests (a new check each)")).isCloseTo(openSeconds * 10_100 / 300, within(1.0));
        // ... unless each takes so long that 4 at once cannot keep up: 10,100 a 300 s need 34 a second, requests of
        // 250 ms plus the browser's 50 ms allow 13.3
        CostModel.Inputs slowDetail = new CostModel.Inputs(300, 25, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NOTHING,
                NOTHING, NOTHING, NOTHING, 0.25, DASHBOARD, 0, 0, 1, 3600, 20, 0, 0.05, NO_COUNT, CostModel.PageConfirms.NONE);
        assertThat(CostModel.month(100_000, slowDetail, open, CostModel.Prices.LIST_2026_12_03).quantities()
                .get("sparkline requests (a new check each)")).isCloseTo(openSeconds * 4 / 0.30, within(1.0));
    }

    /**
     * A chart is read whole once a dashboard opening (every loaded row's, once a day) and then asks only for the checks
     * it lacks, once a new check shows: each kind of request at its own measured cost.
     */
    @Test
    void aChartIsReadWholeOnceADayAndThenUpdatedAtTheCostOfAnUpdate() {
        CostModel.Assumptions open = new CostModel.Assumptions(0.05, 8, 0.05, 0, 0, 10, 0, 0, 10_000, false);
        CostModel.Inputs charts = new CostModel.Inputs(300, 25, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NOTHING, NOTHING,
                new CostModel.ApiRequest(23.5, 0, 0), new CostModel.ApiRequest(2.5, 0, 0), 0.02, DASHBOARD, 0, 0, 1,
                3600, 20, 0, 0.05, NO_COUNT, CostModel.PageConfirms.NONE);
        CostModel.Month month = CostModel.month(100, charts, open, CostModel.Prices.LIST_2026_12_03);
        double updates = 8 * 3600 * CostModel.DAYS_PER_MONTH * 100 / 300;
        double whole = 100 * CostModel.DAYS_PER_MONTH;

        assertThat(month.quantities().get("sparklines read whole (once a dashboard opening)")).isCloseTo(whole, within(1e-6));
        assertThat(month.quantities().get("DynamoDB RRU")).isCloseTo(updates * 2.5 + whole * 23.5, within(1e-3));
        CostModel.Month closed = CostModel.month(100, charts, open.withDashboardHoursPerDay(0),
                CostModel.Prices.LIST_2026_12_03);
        assertThat(closed.quantities().get("sparklines read whole (once a dashboard opening)")).isZero();
    }

    @Test
    void probeContainersAreTheShardsInFlightOverTheJitterWindowWithinTheEventSourceMappingsBounds() {
        CostModel.Inputs atOnce = withJitter(0, 0.07);
        CostModel.Inputs spread = withJitter(60, 0.07);
        // 4,000 shards at once: every one a container, up to ProbeMaxConcurrency (100)
        assertThat(CostModel.probeContainers(4_000, atOnce)).isEqualTo(100);
        assertThat(CostModel.probeContainers(40, atOnce)).isEqualTo(40);
        // over 60 s, 4,000 shards of 70 ms are 4.7 in flight: 5, the event source mapping's floor; 40 of them 0.05
        assertThat(CostModel.probeContainers(4_000, spread)).isEqualTo(5);
        assertThat(CostModel.probeContainers(40, spread)).isEqualTo(5);
        assertThat(CostModel.probeContainers(2, spread)).as("never more than the shards").isEqualTo(2);
        // shards of 2 s over 60 s: 4,000 × 2 / 60 = 134 in flight, capped at 100
        assertThat(CostModel.probeContainers(4_000, withJitter(60, 2))).isEqualTo(100);
        assertThat(CostModel.probeContainers(1_000, withJitter(60, 2))).isEqualTo(34);
    }

    static CostModel.Inputs withJitter(double jitterSeconds, double shardSeconds) {
        return new CostModel.Inputs(300, 25, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NOTHING, NOTHING, NOTHING, NOTHING,
                0.02, DASHBOARD, 0, 0, 1, 3600, 20, jitterSeconds, shardSeconds, NO_COUNT, CostModel.PageConfirms.NONE);
    }

    @Test
    void syntheticsIsOneCanaryRunPerEndpointAndCycle() {
        // The figure: 1,000 endpoints every 5 minutes are 8.76 million runs, about $10,500 a month.
        assertThat(CostModel.synthetics(1_000, 300, CostModel.Prices.LIST_2026_12_03)).isCloseTo(10_512, within(0.01));
    }

    @Test
    void gatusNeedsOneVmPerShareOfTheFleet() {
        double oneVm = CostModel.gatus(100, CostModel.Assumptions.DEFAULT, CostModel.Prices.LIST_2026_12_03);
        assertThat(oneVm).isCloseTo(0.0168 * 730 + 8 * 0.08, within(0.001));
        assertThat(CostModel.gatus(100_000, CostModel.Assumptions.DEFAULT, CostModel.Prices.LIST_2026_12_03))
                .isCloseTo(10 * oneVm, within(0.001));
    }

    @Test
    void aPagesConfirmationsGrowWithTheShardsItsRowsFallIn() {
        // shards of 25, every endpoint due, the latest 2 cycles, half a unit a batch item; measured at 400 endpoints
        CostModel.PageConfirms confirms = new CostModel.PageConfirms(25, 1.0, 2, 0.5, 400);
        // 400 endpoints: 16 shards, and 100 rows fall in nearly all: 16 x (1 - (15/16)^100)
        assertThat(confirms.rru(100, 400)).isCloseTo(2 * 0.5 * 16 * (1 - Math.pow(15.0 / 16, 100)), within(1e-9));
        assertThat(confirms.rru(100, 400)).isCloseTo(16, within(0.1));
        // 10,000 endpoints: 400 shards, 100 rows in about 88 of them
        assertThat(confirms.rru(100, 10_000)).isCloseTo(88.5, within(0.1));
        assertThat(confirms.extraRru(100, 10_000)).isCloseTo(88.5 - 16, within(0.2));
        assertThat(confirms.extraRru(100, 400)).isZero();
        assertThat(confirms.extraRru(100, 100)).as("fewer than measured: the page's measured units are kept").isZero();
        assertThat(CostModel.PageConfirms.NONE.extraRru(100, 100_000)).isZero();
    }

    @Test
    void aPageReadsTheWholeFleetForItsSummaryUpToTwoThousandEndpointsAndOneItemAbove() {
        // A page measured at 400 endpoints read 147 RRU, 80 of them its summary's count (0.2 RRU an endpoint).
        CostModel.SummaryCount count = new CostModel.SummaryCount(0.2, 2_000, 400);
        assertThat(count.pageRru(147, 400)).isCloseTo(147, within(1e-9));
        assertThat(count.pageRru(147, 1_000)).isCloseTo(67 + 200, within(1e-9));
        assertThat(count.pageRru(147, 2_000)).isCloseTo(67 + 400, within(1e-9));
        assertThat(count.pageRru(147, 2_001)).as("the last cycle's counts instead").isCloseTo(67, within(1e-9));
        // measured above the threshold, the page holds no count
        assertThat(new CostModel.SummaryCount(0.2, 2_000, 5_000).pageRru(70, 1_000)).isCloseTo(70 + 200, within(1e-9));

        CostModel.Inputs pages = new CostModel.Inputs(300, 25, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new CostModel.ApiRequest(147, 0, 0), NOTHING, NOTHING, NOTHING, 0.02, DASHBOARD, 0, 0, 1, 3600, 20, 0, 0.05, count, CostModel.PageConfirms.NONE);
        CostModel.Assumptions open = new CostModel.Assumptions(0.05, 8, 0.05, 0, 0, 10, 0, 0, 10_000, false);
        double polls = 8 * 3600 * CostModel.DAYS_PER_MONTH / 15;
        assertThat(CostModel.month(1_000, pages, open, CostModel.Prices.LIST_2026_12_03).quantities().get("DynamoDB RRU"))
                .as("the first page, and each of the 4 more pages of 250 its count too").isCloseTo(polls * (267 + 4 * 200), within(1.0));
    }

    /** Shards of {@code shardSize}, one probe invocation each; nothing else costs. */
    static CostModel.Inputs shardsOf(int shardSize) {
        return new CostModel.Inputs(300, shardSize, 100, 0, 1.0 / shardSize, 0, 0, 0, 0, 0, 0, 0, 0, NOTHING, NOTHING,
                NOTHING, NOTHING, 0.02, DASHBOARD, 0, 0, 1, 3600, 20, 0, 0.05, NO_COUNT, CostModel.PageConfirms.NONE);
    }

    static final CostModel.Assumptions SECRETS = new CostModel.Assumptions(0.05, 0, 0.05, 0, 0.2, 10, 0, 0, 10_000, false);

    @Test
    void secretsManagerIsCalledAtMostOncePerShardInvocationForEveryTwentyOfItsSecrets() {
        CostModel.Assumptions ownSecrets = SECRETS.withEndpointsPerSecret(1);
        CostModel.Month month = CostModel.month(10_000, shardsOf(25), ownSecrets, CostModel.Prices.LIST_2026_12_03);
        // 400 shards of 25 (5 of them authenticated, 5 secrets) every 5 minutes: 3,504,000 invocations, one call each;
        // the other bound, 100 containers x 100 calls of 20 of the 2,000 secrets x 1,460 half hours, is 14,600,000.
        assertThat(month.quantities().get("Secrets Manager calls")).isCloseTo(3_504_000, within(0.5));
        assertThat(month.dollars().get("Secrets Manager: calls")).isCloseTo(17.52, within(0.0001));

        // Shards of 200: 40 authenticated endpoints, 40 secrets a shard, two calls an invocation.
        CostModel.Month large = CostModel.month(10_000, shardsOf(200), ownSecrets, CostModel.Prices.LIST_2026_12_03);
        assertThat(large.quantities().get("Secrets Manager calls")).isCloseTo(8_760 * 50 * 2, within(0.5));
    }

    @Test
    void aWarmContainerReadsItsSecretsTwentyToACallOncePerHalfTtl() {
        // 1,000 endpoints, 20 secrets: 40 containers x one call for all 20 x 1,460 half hours, fewer than the 350,400
        // shard invocations.
        CostModel.Month month = CostModel.month(1_000, shardsOf(25), SECRETS, CostModel.Prices.LIST_2026_12_03);
        assertThat(month.quantities().get("Secrets Manager calls")).isCloseTo(40 * 1_460, within(0.5));
        // 10,000 endpoints, 200 secrets: 100 containers (the concurrency cap) x 10 calls x 1,460.
        CostModel.Month large = CostModel.month(10_000, shardsOf(25), SECRETS, CostModel.Prices.LIST_2026_12_03);
        assertThat(large.quantities().get("Secrets Manager calls")).isCloseTo(100 * 10 * 1_460, within(0.5));
        // 100 endpoints, 2 secrets: 4 containers x one call x 1,460.
        CostModel.Month small = CostModel.month(100, shardsOf(25), SECRETS, CostModel.Prices.LIST_2026_12_03);
        assertThat(small.quantities().get("Secrets Manager calls")).isCloseTo(4 * 1_460, within(0.5));
    }

    @Test
    void parametersCostNothingAMonthAndOneKmsDecryptionPerParameterRead() {
        CostModel.Assumptions parameters = SECRETS.withSecretsInParameterStore();
        // 1,000 endpoints, 20 parameters: 40 containers x 20 parameters x 1,460 half hours, fewer than the 350,400
        // shard invocations x their 5 parameters.
        CostModel.Month month = CostModel.month(1_000, shardsOf(25), parameters, CostModel.Prices.LIST_2026_12_03);
        assertThat(month.quantities().get("KMS decryptions")).isCloseTo(40 * 20 * 1_460, within(0.5));
        assertThat(month.dollars().get("KMS: decryptions")).isCloseTo(40 * 20 * 1_460 / 10_000.0 * 0.03, within(1e-9));
        assertThat(month.dollars().get("Parameter Store: parameters")).isZero();
        assertThat(month.dollars()).doesNotContainKeys("Secrets Manager: secrets", "Secrets Manager: calls");

        // 10,000 endpoints with a parameter each: 3,504,000 invocations x 5 parameters is the smaller bound.
        CostModel.Month own = CostModel.month(10_000, shardsOf(25), parameters.withEndpointsPerSecret(1),
                CostModel.Prices.LIST_2026_12_03);
        assertThat(own.quantities().get("KMS decryptions")).isCloseTo(3_504_000 * 5, within(0.5));
        CostModel.Month inSecretsManager = CostModel.month(10_000, shardsOf(25), SECRETS.withEndpointsPerSecret(1),
                CostModel.Prices.LIST_2026_12_03);
        assertThat(own.total()).isCloseTo(inSecretsManager.total() - 2_000 * 0.40
                - inSecretsManager.dollars().get("Secrets Manager: calls") + own.dollars().get("KMS: decryptions"),
                within(1e-6));
    }
}
