package dev.mcpulse.bench.cost;

import static dev.mcpulse.bench.Report.number;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.Benchmark;
import dev.mcpulse.bench.Provenance;
import dev.mcpulse.bench.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * COST: what a fleet costs a month on AWS, from a run of the real functions ({@link CostRun}) and list prices
 * ({@link CostModel}). Writes docs/cost.md (a {@code --quick} run: benchmarks/target/bench/cost.md, its figures from
 * a smaller fleet) and returns the summary for docs/benchmarks.md.
 */
public final class CostBenchmark implements Benchmark {

    static final int ENDPOINTS = 400;
    static final int QUICK_ENDPOINTS = 150;
    /** Enough failures for the black holes to be in back-off (five cycles), and one more. */
    static final int WARMUP_CYCLES = 6;
    /** One back-off period (30 minutes): each failing endpoint is probed about once in it. */
    static final int STEADY_CYCLES = 6;
    static final int API_REPEATS = 4;

    @Override
    public String id() {
        return "COST";
    }

    @Override
    public Section run(BenchEnv env) throws Exception {
        long started = System.nanoTime();
        boolean quick = env.options().quick();
        String command = "bin/mcpulse-bench --only " + String.join(",", env.options().only().isEmpty()
                ? java.util.List.of("(all)") : env.options().only()) + (quick ? " --quick" : "");
        Provenance provenance = Provenance.current(env.root(), command);
        Path scripts = env.root().resolve("functions/api/src/main/resources/dashboard");
        Map<String, String> dashboard = TemplateDefaults.dashboard(Files.readString(scripts.resolve("app.js"))
                + Files.readString(scripts.resolve("fleet-list.js")));
        CostRun.Result run = CostRun.run(env, quick ? QUICK_ENDPOINTS : ENDPOINTS, WARMUP_CYCLES,
                quick ? 3 : STEADY_CYCLES, API_REPEATS, dashboard);
        CostFigures figures = new CostFigures(run);
        CostModel.Inputs inputs = figures.inputs(dashboard);
        CostModel.Assumptions assumptions = CostModel.Assumptions.DEFAULT;
        CostModel.Prices prices = CostModel.Prices.LIST_2026_12_03;
        Path out = quick ? env.scratch().resolve("cost.md") : env.root().resolve("docs/cost.md");
        Files.writeString(out, CostDocument.render(provenance, (System.nanoTime() - started) / 1_000_000_000L, figures,
                inputs, assumptions, prices, dashboard));

        Section section = new Section(id(), "monthly AWS cost at a 5-minute cadence (docs/cost.md)")
                .header("endpoints", "mcpulse per month", "per 1,000 endpoints", "without a dashboard open, per 1,000",
                        "credentials in Parameter Store, no custom metrics, per 1,000", "CloudWatch Synthetics",
                        "self-hosted Gatus");
        for (int endpoints : CostDocument.FLEETS) {
            CostModel.Month month = CostModel.month(endpoints, inputs, assumptions, prices);
            CostModel.Assumptions closed = assumptions.withDashboardHoursPerDay(0);
            CostModel.Month parameterStore = CostDocument.withParameterStore(endpoints, inputs, assumptions, prices);
            double levers = CostDocument.withoutCustomMetrics(parameterStore);
            section.row(String.format(Locale.ROOT, "%,d", endpoints), CostDocument.dollars(month.total()),
                    CostDocument.dollars(month.perThousand()),
                    CostDocument.dollars(CostModel.month(endpoints, inputs, closed, prices).perThousand()),
                    CostDocument.dollars(levers),
                    CostDocument.dollars(CostModel.synthetics(endpoints, inputs.intervalSeconds(), prices)),
                    CostDocument.dollars(CostModel.gatus(endpoints, assumptions, prices)));
            if (endpoints == 1_000 || endpoints == 100_000) {
                section.headline(String.format(Locale.ROOT, "AWS cost per 1,000 endpoints a month, %,d endpoints, 5-min cadence",
                        endpoints), month.perThousand(), "$", CostDocument.TARGET_PER_THOUSAND, true);
                section.headline(String.format(Locale.ROOT, "the same with the credentials in Parameter Store and "
                        + "PublishMetrics=false, %,d endpoints", endpoints), levers, "$", CostDocument.TARGET_PER_THOUSAND,
                        true);
            }
            if (endpoints == 100_000) { // the fleet #16 sets out to check: each layout of credentials the README gives
                section.headline(String.format(Locale.ROOT, "the same with the credentials in Parameter Store, custom "
                                + "metrics on, %,d endpoints", endpoints), parameterStore.perThousand(), "$",
                        CostDocument.TARGET_PER_THOUSAND, true);
                section.headline(String.format(Locale.ROOT, "the same with the credentials %d to a JSON secret, custom "
                                + "metrics on, %,d endpoints", CostDocument.SHARED_SECRET_TOKENS, endpoints),
                        CostDocument.withSharedSecrets(endpoints, inputs, assumptions, prices).perThousand(), "$",
                        CostDocument.TARGET_PER_THOUSAND, true);
            }
        }
        section.note("From a run of the real handlers on " + run.endpoints() + " endpoints (" + run.warmupCycles()
                + " warm-up and " + run.steadyCycles() + " steady cycles, one core, DynamoDB Local, ElasticMQ), scaled per "
                + "endpoint and priced at us-east-1 list prices of 2026-12-03; assumptions (" + number(assumptions
                .dashboardHoursPerDay()) + " h a day of one open dashboard, " + number(assumptions.failingShare() * 100)
                + " % failing endpoints, secrets, status changes) and every measured input are in "
                + (quick ? out : "docs/cost.md") + ".");
        return section;
    }
}
