package dev.mcpulse.bench.fanout;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.mcp.EraCache;
import dev.mcpulse.mcp.McpHttpClients;
import dev.mcpulse.mcp.McpLimits;
import dev.mcpulse.mcp.McpProber;
import dev.mcpulse.mcp.ProbeHttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Warms the fleet's servers before anything is timed: a fleet of remote MCP servers is warm, while the benchmark's
 * fleet process starts cold, and its JIT would otherwise be charged to mcpulse's first cycle. Probes, from the
 * benchmark's own process, a few rounds of the fleet's endpoints (every category: the 401 server too), a batch
 * at a time.
 */
public final class FleetWarmUp {

    private static final int ROUNDS = 3;
    private static final int BATCH = 32;
    private static final Duration WARM_UP_DEADLINE = Duration.ofSeconds(20);

    private FleetWarmUp() {
    }

    /** How many probes warmed the fleet, and how many ended as their endpoint's category must (a sanity check). */
    public record Done(int probes, int right) {
    }

    public static Done warm(List<Endpoint> endpoints, int probes) {
        List<Endpoint> answering = endpoints.stream()
                .filter(e -> FleetMix.category(e.id()) != FleetMix.Category.BLACKHOLE)
                .limit(Math.max(1, probes / ROUNDS))
                .toList();
        int right = 0;
        int sent = 0;
        try (ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            McpProber prober = new McpProber(client, McpLimits.defaults(), new EraCache(answering.size()));
            for (int round = 0; round < ROUNDS; round++) {
                for (int from = 0; from < answering.size(); from += BATCH) {
                    List<Endpoint> batch = answering.subList(from, Math.min(answering.size(), from + BATCH));
                    List<CompletableFuture<ProbeResult>> results = new ArrayList<>();
                    for (Endpoint endpoint : batch) {
                        results.add(prober.probe(patient(endpoint), Optional.empty()));
                    }
                    sent += batch.size();
                    for (int i = 0; i < batch.size(); i++) {
                        if (results.get(i).join().outcome().kind() == FleetMix.category(batch.get(i).id()).expected()) {
                            right++;
                        }
                    }
                }
            }
        }
        return new Done(sent, right);
    }

    /**
     * The endpoint without its credential (the "wrong token" ones are refused all the same) and with a long
     * deadline, so that the cold servers' first answers are waited for.
     */
    private static Endpoint patient(Endpoint e) {
        return new Endpoint(e.id(), e.name(), e.labels(), e.url(), e.transport(), new AuthRef.None(), WARM_UP_DEADLINE,
                e.readiness(), e.enabled(), e.interval());
    }
}
