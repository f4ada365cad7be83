package dev.mcpulse.mcp;

import dev.mcpulse.domain.port.Prober;
import io.micronaut.context.annotation.Factory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * The probe as a bean for the Micronaut functions: one {@link McpProber} with its own HTTP client, built from the
 * same {@link McpHttpClients#configuration()} the command-line probe uses, so both probe alike. The client stays
 * private to the probe (no second {@code HttpClient} bean to confuse other injection points) and is closed with
 * the context.
 */
@Factory
public class McpProberFactory {

    /** Endpoints whose era is remembered between cycles of a warm function. */
    static final int ERA_CACHE_CAPACITY = 10_000;

    private final ProbeHttpClient client = McpHttpClients.create();

    @Singleton
    Prober prober() {
        return new McpProber(client, McpLimits.defaults(), new EraCache(ERA_CACHE_CAPACITY));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
