package dev.mcpulse.mcp;

import dev.mcpulse.domain.port.LocalLoad;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.netty.CustomizedHttpClients;
import io.micronaut.http.client.netty.DefaultHttpClient;
import io.netty.resolver.AddressResolverGroup;
import java.time.Clock;

/**
 * The probe's HTTP client: one Micronaut client, non-blocking and shared by every probe, with the
 * {@link ExchangeGuard} that drops the connection of a response the probe leaves early, and host names resolved
 * through a {@link GuardedAddressResolverGroup}. Get one from
 * {@link McpHttpClients}; close it when the probing service stops.
 */
public final class ProbeHttpClient implements AutoCloseable {

    private final EventLoopLag loops = new EventLoopLag(Clock.systemUTC());
    private final ExchangeGuard guard = new ExchangeGuard(loops);
    private final DefaultHttpClient client;

    ProbeHttpClient(HttpClientConfiguration configuration, AddressResolverGroup<?> resolver) {
        this.client = CustomizedHttpClients.create(configuration, guard, resolver);
    }

    ProxyHttpClient proxy() {
        return client;
    }

    ExchangeGuard guard() {
        return guard;
    }

    /** How held up this client's event loops were: the work of reading and decoding every probe's answers. */
    public LocalLoad eventLoopLag() {
        return loops;
    }

    @Override
    public void close() {
        client.close();
    }
}
