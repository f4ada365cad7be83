package dev.mcpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.service.CredentialLookup;
import dev.mcpulse.domain.service.GuardedProber;
import dev.mcpulse.domain.service.ProbeAdmission;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code mcpulse-probe --fleet FILE --all}: every entry probed as the monitor probes it — through the same
 * {@link GuardedProber}: at most {@code concurrency} admitted at once (fewer while this process is overloaded, each
 * deadline starting at admission), and a timeout that coincides with this process's own overload probed again rather
 * than reported — {@code repeat} rounds over one client (as the monitor keeps its client and era cache between
 * cycles). One JSON line per endpoint and round, then one summary line: counts by outcome, and per round its wall time
 * and this process's CPU per probe. The exit status is 0 only when every probe of every round was ok; otherwise the
 * highest of the exit codes seen (7 no verdict, 6 protocol, 5 tool, 4 unreachable or timeout, 3 auth).
 */
final class FleetCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The outcome of a check that ended without a verdict on the server. */
    static final String NO_VERDICT = "no_verdict";

    /**
     * A round's time for retries of probes spoiled by overload: a shell has no invocation timeout, so retries are
     * bounded by their number ({@link GuardedProber#MAX_RETRIES}), not by a budget.
     */
    private static final Duration NO_BUDGET = Duration.ofDays(1);

    private final Prober prober;
    private final CredentialLookup credentials;
    private final LocalLoad load;
    private final PrintStream out;

    /** {@code load}: how held up this process is, as the monitor measures it (its process and event loops). */
    FleetCheck(Prober prober, CredentialLookup credentials, LocalLoad load, PrintStream out) {
        this.prober = prober;
        this.credentials = credentials;
        this.load = load;
        this.out = out;
    }

    int run(List<Endpoint> endpoints, int concurrency, int repeat) {
        Map<String, Integer> total = new TreeMap<>();
        ArrayNode rounds = MAPPER.createArrayNode();
        int exit = ExitCode.OK;
        for (int round = 1; round <= repeat; round++) {
            long cpuBefore = processCpuNanos();
            long started = System.nanoTime();
            List<Optional<ProbeResult>> results = probeAll(endpoints, concurrency, round);
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            long cpuNanos = processCpuNanos() - cpuBefore;
            Map<String, Integer> byOutcome = new TreeMap<>();
            for (Optional<ProbeResult> result : results) {
                String outcome = result.map(r -> r.outcome().kind().code()).orElse(NO_VERDICT);
                byOutcome.merge(outcome, 1, Integer::sum);
                total.merge(outcome, 1, Integer::sum);
                exit = Math.max(exit, result.map(r -> ExitCode.of(r.outcome().kind())).orElse(ExitCode.NO_VERDICT));
            }
            ObjectNode line = rounds.addObject();
            line.put("round", round);
            line.put("wallMs", wallMs);
            if (cpuNanos >= 0) {
                line.put("cpuMsPerProbe", Math.round(cpuNanos / 1e4 / results.size()) / 100.0);
            }
            line.set("byOutcome", counts(byOutcome));
        }
        ObjectNode summary = MAPPER.createObjectNode();
        ObjectNode body = summary.putObject("summary");
        body.put("endpoints", endpoints.size());
        body.put("rounds", repeat);
        body.put("concurrency", concurrency);
        body.set("byOutcome", counts(total));
        body.set("perRound", rounds);
        out.println(summary);
        return exit;
    }

    /**
     * One round: every probe handed to the admission at once, each line printed as its probe ends. Empty: no verdict
     * (every attempt ran while this process was overloaded, or the prober itself failed), which is mcpulse's fault.
     */
    private List<Optional<ProbeResult>> probeAll(List<Endpoint> endpoints, int concurrency, int round) {
        // A fresh admission per round: a bound halved by one round's overload must not slow the next from the start.
        GuardedProber guarded = new GuardedProber(credentials, prober, new ProbeAdmission(concurrency), load);
        Instant read = Instant.now();
        LocalLoad.Mark started = guarded.mark();
        List<CompletableFuture<Optional<ProbeResult>>> running = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            running.add(guarded.verdict(endpoint, read, started, NO_BUDGET).handle((probed, failure) -> {
                if (failure != null) {
                    printNoVerdict(endpoint, round, failure);
                    return Optional.<ProbeResult>empty();
                }
                print(endpoint, probed.result(), round, probed.secretValues());
                return Optional.of(probed.result());
            }));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    private synchronized void print(Endpoint endpoint, ProbeResult result, int round, List<String> secrets) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("id", endpoint.id().value());
        line.put("round", round);
        line.setAll(ResultJson.of(endpoint, result, secrets));
        out.println(line);
    }

    /** Says why there is no verdict, never how (no stack trace, and the prober's message is mcpulse's own). */
    private synchronized void printNoVerdict(Endpoint endpoint, int round, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        ObjectNode line = MAPPER.createObjectNode();
        line.put("id", endpoint.id().value());
        line.put("round", round);
        line.put("outcome", NO_VERDICT);
        line.put("error", cause instanceof GuardedProber.LocalOverload
                ? cause.getMessage() : "the prober failed (mcpulse's fault, not the server's): " + FailureDescription.of(cause));
        out.println(line);
    }

    private static ObjectNode counts(Map<String, Integer> byOutcome) {
        ObjectNode node = MAPPER.createObjectNode();
        byOutcome.forEach(node::put);
        return node;
    }

    /** This process's CPU time so far, or -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
