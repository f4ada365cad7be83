package dev.mcpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.service.CredentialLookup;
import dev.mcpulse.domain.service.CredentialLookup.Credential;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * {@code mcpulse-probe --fleet FILE --all}: every entry probed as the monitor probes it, at most {@code concurrency}
 * at once, {@code repeat} rounds over one client (as the monitor keeps its client and era cache between cycles).
 * One JSON line per endpoint and round, then one summary line: counts by outcome, and per round its wall time and
 * this process's CPU per probe. The exit status is 0 only when every probe of every round was ok; otherwise the
 * highest of the single-endpoint exit codes seen (6 protocol, 5 tool, 4 unreachable or timeout, 3 auth).
 */
final class FleetCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Prober prober;
    private final CredentialLookup credentials;
    private final PrintStream out;

    FleetCheck(Prober prober, CredentialLookup credentials, PrintStream out) {
        this.prober = prober;
        this.credentials = credentials;
        this.out = out;
    }

    int run(List<Endpoint> endpoints, int concurrency, int repeat) {
        Map<OutcomeKind, Integer> total = new EnumMap<>(OutcomeKind.class);
        ArrayNode rounds = MAPPER.createArrayNode();
        int exit = ExitCode.OK;
        for (int round = 1; round <= repeat; round++) {
            long cpuBefore = processCpuNanos();
            long started = System.nanoTime();
            List<ProbeResult> results = probeAll(endpoints, concurrency, round);
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            long cpuNanos = processCpuNanos() - cpuBefore;
            Map<OutcomeKind, Integer> byOutcome = new EnumMap<>(OutcomeKind.class);
            for (ProbeResult result : results) {
                OutcomeKind kind = result.outcome().kind();
                byOutcome.merge(kind, 1, Integer::sum);
                total.merge(kind, 1, Integer::sum);
                exit = Math.max(exit, ExitCode.of(kind));
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

    /** One round: the probes start as permits free up, and each line is printed as its probe ends. */
    private List<ProbeResult> probeAll(List<Endpoint> endpoints, int concurrency, int round) {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<ProbeResult>> running = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Credential credential = credentials.credentialFor(endpoint);
            List<String> secrets = credential.secretValue().map(s -> List.of(s.reveal())).orElse(List.of());
            permits.acquireUninterruptibly();
            CompletableFuture<ProbeResult> probe = credential instanceof Credential.Missing missing
                    ? CompletableFuture.completedFuture(ProbeResult.notDialled(missing.outcome()))
                    : prober.probe(endpoint, credential.secretValue());
            running.add(probe.whenComplete((result, failure) -> permits.release()).thenApply(result -> {
                print(endpoint, result, round, secrets);
                return result;
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

    private static ObjectNode counts(Map<OutcomeKind, Integer> byOutcome) {
        ObjectNode node = MAPPER.createObjectNode();
        byOutcome.forEach((kind, count) -> node.put(kind.code(), count));
        return node;
    }

    /** This process's CPU time so far, or -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
