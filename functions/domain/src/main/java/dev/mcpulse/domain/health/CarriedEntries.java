package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.Endpoint;
import java.util.List;

/**
 * A shard's registry entries as the scheduler read them, with the registry's version read before them
 * ({@link dev.mcpulse.domain.port.EndpointRegistry#version}). The scheduler has just read the whole registry, so a
 * probe shard that finds the version unchanged probes these instead of reading its entries again (half a read unit an
 * endpoint and a round trip before the first probe); any put or delete since moves the version, and the shard reads.
 * References to secrets only, never their values, as the registry holds them.
 */
public record CarriedEntries(long registryVersion, List<Endpoint> entries) {
    public CarriedEntries {
        entries = List.copyOf(entries);
    }
}
