package dev.mcpulse.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpulse.bench.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary line that both fleet probers print last — {@code mcpulse-probe --fleet F --all} and the TypeScript peer
 * ({@code benchmarks/peer/probe-fleet.mjs}) — read the same way: per round its wall time, the prober process's CPU per
 * probe and how many probes ended {@code ok}.
 */
record FleetSummary(int endpoints, List<Round> rounds, Map<String, Integer> byOutcome) {

    static final String PREFIX = "{\"summary\"";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Round(long wallMs, double cpuMsPerProbe, int ok) {
    }

    static FleetSummary parse(String line) {
        JsonNode summary;
        try {
            summary = JSON.readTree(line).path("summary");
        } catch (IOException e) {
            throw new UncheckedIOException("not a summary line: " + line, e);
        }
        List<Round> rounds = new ArrayList<>();
        for (JsonNode round : summary.path("perRound")) {
            rounds.add(new Round(round.path("wallMs").asLong(), round.path("cpuMsPerProbe").asDouble(),
                    round.path("byOutcome").path("ok").asInt()));
        }
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a summary line without rounds: " + line);
        }
        Map<String, Integer> byOutcome = new TreeMap<>();
        summary.path("byOutcome").properties().forEach(e -> byOutcome.put(e.getKey(), e.getValue().asInt()));
        return new FleetSummary(summary.path("endpoints").asInt(), List.copyOf(rounds), Map.copyOf(byOutcome));
    }

    /** Every probe of every round ended ok: otherwise the CPU figures are not those of a probe, and the row fails. */
    boolean allOk() {
        return rounds.stream().allMatch(round -> round.ok() == endpoints);
    }

    /** The outcomes other than ok, over every round: what a failed row failed with. */
    Map<String, Integer> failures() {
        Map<String, Integer> failures = new TreeMap<>(byOutcome);
        failures.remove("ok");
        return failures;
    }

    int okProbes() {
        return rounds.stream().mapToInt(Round::ok).sum();
    }

    int probes() {
        return endpoints * rounds.size();
    }

    /** The first round: a fresh process, its JIT and connection pools cold. */
    Round cold() {
        return rounds.getFirst();
    }

    /**
     * The warm figure: the median over the second half of the rounds, when the JIT has compiled the hot paths (a
     * long-lived probe container's state; the first half is the warm-up).
     */
    double warmCpuMsPerProbe() {
        return cpuMsPerProbe(rounds.size() / 2 + 1, rounds.size());
    }

    double warmWallMs() {
        return Stats.of(warmRounds().stream().map(Round::wallMs).toList()).median();
    }

    /** The median CPU per probe of rounds {@code first} to {@code last} (counted from 1): a stage of the warm-up. */
    double cpuMsPerProbe(int first, int last) {
        return Stats.of(rounds.subList(first - 1, last).stream().map(Round::cpuMsPerProbe).toList()).median();
    }

    private List<Round> warmRounds() {
        return rounds.subList(rounds.size() / 2, rounds.size());
    }
}
