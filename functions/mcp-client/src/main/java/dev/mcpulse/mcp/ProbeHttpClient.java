package dev.mcpulse.mcp;

import dev.mcpulse.domain.port.LocalLoad;
import java.time.Clock;

/**
 * The probe's HTTP client: one {@link ProbeTransport}, non-blocking and shared by every probe, with host names
 * resolved through a {@link GuardedAddressResolverGroup}. Get one from {@link McpHttpClients}; close it when the
 * probing service stops.
 */
public final class ProbeHttpClient implements AutoCloseable {

    private final EventLoopLag loops = new EventLoopLag(Clock.systemUTC());
    private final ProbeTransport transport;

    ProbeHttpClient(ProbeTransport.Settings settings, GuardedAddressResolverGroup resolver) {
        this.transport = new ProbeTransport(settings, resolver, loops);
    }

    ProbeTransport transport() {
        return transport;
    }

    /** How held up this client's event loops were: the work of reading and decoding every probe's answers. */
    public LocalLoad eventLoopLag() {
        return loops;
    }

    @Override
    public void close() {
        transport.close();
    }
}
