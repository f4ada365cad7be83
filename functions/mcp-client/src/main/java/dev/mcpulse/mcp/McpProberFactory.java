package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.service.StallMonitor;
import io.micronaut.context.annotation.Factory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The probe as a bean for the Micronaut functions: one {@link McpProber} with its own HTTP client, built from the
 * same {@link McpHttpClients#create(UrlPolicy)} the command-line probe uses, so both probe alike. The client stays
 * private to the probe and is closed with the context. It connects only where the context's {@link UrlPolicy}
 * allows (core provides it from the monitor's settings); without one, the strict cloud policy applies.
 */
@Factory
public class McpProberFactory {

    /** Endpoints whose era is remembered between cycles of a warm function. */
    static final int ERA_CACHE_CAPACITY = 10_000;

    private ProbeHttpClient client;

    @Singleton
    Prober prober(Optional<UrlPolicy> policy) {
        client = McpHttpClients.create(policy.orElse(UrlPolicy.cloud()));
        return new McpProber(client, McpLimits.defaults(), new EraCache(ERA_CACHE_CAPACITY));
    }

    /**
     * How held up this process is while it probes: the worst of its probe event loops and of the process as a whole
     * (the loops are watched from their first connection; until then, the process monitor speaks for them).
     */
    @Singleton
    LocalLoad localLoad(Prober prober) {
        return LocalLoad.worstOf(StallMonitor.shared(), client.eventLoopLag());
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
