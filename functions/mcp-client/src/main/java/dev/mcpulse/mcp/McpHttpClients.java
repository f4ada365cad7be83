package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The one HTTP client configuration every probe uses (DESIGN lesson 4: a health check that bypasses the
 * production client configuration disagrees with production). Redirects are not followed: a 3xx is reported.
 * The probe's own deadline bounds every exchange, so the connect timeout sits just above the longest deadline.
 * Host names are resolved by {@link GuardedAddressResolverGroup}, which refuses the addresses the URL policy refuses.
 * No proxy is configured: through a proxy the proxy would resolve the name, and the guard would not see it.
 */
public final class McpHttpClients {

    /** Connections per origin; with HTTP+SSE a probe holds two, so this also bounds concurrent SSE probes per origin. */
    public static final int MAX_CONNECTIONS_PER_ORIGIN = 256;
    /**
     * One event loop per processor, no more: a probe's exchanges are short bursts of CPU between long waits, so more
     * loops than cores only adds wake-ups and hand-overs between threads. Four loops on two cores cost 35-45 % more
     * CPU per probe than two (mcpulse-probe, 500 endpoints, 50 at once, 2026-12-04: 0.98 against 0.59-0.73 ms).
     */
    public static final int EVENT_LOOP_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /**
     * A pooled connection idle longer than this is closed by us. Servers close idle keep-alive connections too
     * (Node's default is 5 s); reusing one at the moment the server closes it fails the request with "connection
     * closed before a complete response" — a false "unreachable". Closing first, below the common server
     * defaults, means a probe never picks a connection that is about to go.
     */
    public static final Duration POOL_IDLE_TIMEOUT = Duration.ofSeconds(3);

    private McpHttpClients() {
    }

    static ProbeTransport.Settings settings() {
        return new ProbeTransport.Settings(MAX_CONNECTIONS_PER_ORIGIN, POOL_IDLE_TIMEOUT,
                Endpoint.MAX_TIMEOUT.plusSeconds(5), EVENT_LOOP_THREADS, Optional.empty());
    }

    /**
     * A client with that configuration that connects only to addresses {@code policy} allows (so, locally, to
     * loopback too); close it when the probing service stops.
     */
    public static ProbeHttpClient create(UrlPolicy policy) {
        return create(settings(), policy);
    }

    /** A client with a variation of {@link #settings()}, such as a smaller pool or a private CA to trust. */
    static ProbeHttpClient create(ProbeTransport.Settings settings, UrlPolicy policy) {
        return new ProbeHttpClient(settings, new GuardedAddressResolverGroup(policy));
    }
}
