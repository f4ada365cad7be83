package dev.mcpulse.probe.priming;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.FailureDescription;
import dev.mcpulse.mcp.EraCache;
import dev.mcpulse.mcp.McpHttpClients;
import dev.mcpulse.mcp.McpLimits;
import dev.mcpulse.mcp.McpProber;
import dev.mcpulse.mcp.ProbeHttpClient;
import dev.mcpulse.wiring.snapstart.Priming;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One whole probe before the snapshot — era detection, the legacy session, tools/list, a readiness call, the verdict —
 * of a {@link LoopbackMcpStub} this priming starts and stops itself, so that the JSON, HTTP, Reactor and Netty code the
 * first real probe runs is loaded and set up. The function's own prober connects only where the cloud URL policy
 * allows, which excludes loopback; the priming probes through a client of its own with the same configuration
 * ({@link McpHttpClients}) that may reach loopback, and closes it afterwards with its event loops and connections.
 */
public final class LoopbackProbePriming implements Priming {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void run() throws Exception {
        try (LoopbackMcpStub stub = LoopbackMcpStub.start();
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            McpProber prober = new McpProber(client, McpLimits.defaults(), new EraCache(1));
            Endpoint endpoint = new Endpoint(new EndpointId("mcpulse-priming"), "mcpulse priming", Map.of(), stub.url(),
                    Transport.AUTO, new AuthRef.None(), DEADLINE,
                    Optional.of(new Readiness(LoopbackMcpStub.TOOL, Map.of())), true);
            ProbeResult result = prober.probe(endpoint, Optional.empty())
                    .get(DEADLINE.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            if (result.outcome().kind() != OutcomeKind.OK) {
                throw new NotOk(result.outcome().kind());
            }
        }
    }

    /** The loopback probe did not end {@code ok}: its outcome, which holds nothing secret (there is no credential). */
    static final class NotOk extends Exception implements FailureDescription.SafeMessage {
        NotOk(OutcomeKind outcome) {
            super("the loopback probe ended " + outcome.code());
        }
    }
}
