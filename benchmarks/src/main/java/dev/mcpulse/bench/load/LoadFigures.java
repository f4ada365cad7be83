package dev.mcpulse.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The load run's figures as the Markdown that goes between docs/reliability.md's load markers, and to the terminal. */
final class LoadFigures {

    /** What the run measured besides the routes: how the stack started and what it used. */
    record Setting(String command, String written, String machine, int endpoints, int servers, int seconds,
                   double startupSeconds, int checkedBeforeLoad, double firstCycleSeconds, double stackCpuSeconds,
                   long stackPeakRssBytes, int stackExitCode) {
    }

    private LoadFigures() {
    }

    static String markdown(Setting setting, LoadDriver.Result result) {
        double seconds = result.elapsed().toNanos() / 1e9;
        StringBuilder md = new StringBuilder();
        md.append("## Load\n\n");
        md.append("Written by `").append(setting.command()).append("` on ").append(setting.written())
                .append(". Machine: ").append(setting.machine()).append(".\n\n");
        md.append("The local stack started as the README says (`bin/mcpulse-local --no-demo --fleet FILE --port PORT"
                        + " --admin-token TOKEN`, its scheduler probing every 30 s meanwhile) with ")
                .append(count(setting.endpoints())).append(" endpoints on ").append(setting.servers())
                .append(" MCP Java SDK servers in a process of their own, driven on loopback from a second process for ")
                .append(setting.seconds()).append(" s with ").append(result.listWorkers() + result.checkWorkers())
                .append(" requests in flight (").append(result.listWorkers()).append(" listing, ")
                .append(result.checkWorkers()).append(" checking endpoint after endpoint with the admin token); the last"
                        + " answer came ").append(format(seconds)).append(" s after the start, and throughput is over"
                        + " that time.\n\n");
        md.append("| route | requests | throughput | p50 | p99 | max | errors |\n|---|---|---|---|---|---|---|\n");
        for (RouteStats route : List.of(result.list(), result.check())) {
            md.append(row(route, seconds));
        }
        int requests = result.list().requests() + result.check().requests();
        int errors = result.list().errorCount() + result.check().errorCount();
        md.append("| all | ").append(count(requests)).append(" | ").append(format(requests / seconds))
                .append(" req/s |  |  |  | ").append(errors).append(" |\n\n");
        md.append("Errors (any non-2xx answer or transport failure): ").append(errorList(result)).append(".\n\n");
        md.append("Outcomes the checks reported (a probe that fails is an answer, not an error): ")
                .append(tally(result.check().outcomes())).append(".\n\n");
        md.append("The stack listed all ").append(count(setting.endpoints())).append(" endpoints ")
                .append(format(setting.startupSeconds())).append(" s after it was started; the load began once its first"
                        + " scheduler cycle had checked ")
                .append(setting.checkedBeforeLoad() == setting.endpoints() ? "every endpoint"
                        : count(setting.checkedBeforeLoad()) + " of them (the wait for the rest ran out)")
                .append(", ").append(format(setting.firstCycleSeconds())).append(" s after the start. Over the load it used ")
                .append(format(setting.stackCpuSeconds())).append(" CPU s; its peak RSS was ")
                .append(setting.stackPeakRssBytes() / (1024 * 1024)).append(" MiB, and it exited with ")
                .append(setting.stackExitCode()).append(" when stopped by its PID.\n");
        return md.toString();
    }

    private static String row(RouteStats route, double seconds) {
        String p50 = route.latency().map(s -> format(s.median()) + " ms").orElse("—");
        String p99 = route.latency().map(s -> format(s.percentile(99)) + " ms").orElse("—");
        String max = route.latency().map(s -> format(s.max()) + " ms").orElse("—");
        return "| `" + route.route() + "` | " + count(route.requests()) + " | " + format(route.requests() / seconds)
                + " req/s | " + p50 + " | " + p99 + " | " + max + " | " + route.errorCount() + " |\n";
    }

    static String errorList(LoadDriver.Result result) {
        Map<String, Integer> all = new TreeMap<>();
        for (RouteStats route : List.of(result.list(), result.check())) {
            route.errors().forEach((kind, n) -> all.merge(route.route() + ": " + kind, n, Integer::sum));
        }
        return tally(all);
    }

    static String tally(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((kind, n) -> text.append(text.isEmpty() ? "" : ", ").append(kind).append(" × ").append(count(n)));
        return text.toString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
    }
}
