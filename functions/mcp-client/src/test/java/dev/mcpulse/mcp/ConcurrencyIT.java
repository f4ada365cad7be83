package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 500 endpoints probed at once from one JVM, on a handful of real loopback servers: every result is the right one,
 * no thread is spent per probe, and connection pools stay within their bound.
 */
@Tag("interop")
class ConcurrencyIT {

    private static final int ENDPOINTS = 500;

    private record Case(Endpoint endpoint, Optional<SecretValue> credential, OutcomeKind expected, Optional<Era> era) {
    }

    @Test
    void fiveHundredEndpointsAtOnceAllCorrectWithoutAThreadPerProbe() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mcp");
        }
        List<Case> cases = new ArrayList<>();
        add(cases, 200, i -> new Case(endpoint(Fleet.url("dual-era"), i).build(), Optional.empty(), OutcomeKind.OK, Optional.of(Era.MODERN)));
        add(cases, 100, i -> new Case(endpoint(Fleet.url("bearer", Fleet.bearerEnv()), i).bearer().readiness("check", Map.of()).build(),
                Optional.of(new SecretValue(Fleet.TOKEN)), OutcomeKind.OK, Optional.of(Era.LEGACY_STREAMABLE_HTTP)));
        add(cases, 75, i -> new Case(endpoint(Fleet.url("bearer", Fleet.bearerEnv()), i).bearer().build(),
                Optional.of(new SecretValue("wrong-token-" + i)), OutcomeKind.AUTH_REJECTED, Optional.empty()));
        add(cases, 50, i -> new Case(endpoint(Fleet.url("sse-legacy"), i).build(), Optional.empty(), OutcomeKind.OK, Optional.of(Era.LEGACY_SSE)));
        add(cases, 50, i -> new Case(endpoint(closedPort, i).build(), Optional.empty(), OutcomeKind.UNREACHABLE, Optional.empty()));
        add(cases, 25, i -> new Case(endpoint(Fleet.url("malformed"), i).build(), Optional.empty(), OutcomeKind.PROTOCOL_ERROR, Optional.empty()));
        assertThat(cases).hasSize(ENDPOINTS);

        try (ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            McpProber prober = new McpProber(client, McpLimits.defaults(), new EraCache(1_000));
            // Warm up: event loops, timers and class loading exist before the baseline is taken.
            prober.probe(cases.getFirst().endpoint(), Optional.empty()).get(30, TimeUnit.SECONDS);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int baseline = threads.getThreadCount();
            threads.resetPeakThreadCount();

            long started = System.nanoTime();
            List<CompletableFuture<ProbeResult>> futures = cases.stream()
                    .map(c -> prober.probe(c.endpoint(), c.credential())).toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long wallMillis = (System.nanoTime() - started) / 1_000_000;
            int peak = threads.getPeakThreadCount();

            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                ProbeResult result = futures.get(i).join();
                assertThat(result.outcome().kind()).as("%s: %s", c.endpoint().id(), result.outcome().describe()).isEqualTo(c.expected());
                c.era().ifPresent(era -> assertThat(result.era()).as(c.endpoint().id().value()).contains(era));
            }
            System.out.printf("500 concurrent probes: wall %d ms, threads baseline %d, peak %d%n", wallMillis, baseline, peak);
            // A thread per probe would add 500; the probe needs only the client's event loops and Reactor's timers.
            assertThat(peak - baseline).as("threads added while 500 probes were in flight").isLessThan(50);
        }
    }

    @Test
    void connectionsToOneOriginNeverExceedThePoolBound() throws Exception {
        int bound = 8;
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } finally {
                // Count the request as served before its answer leaves: once the client has the answer it may reuse
                // the pool slot at once, and counting after the write would see that next request as a 9th.
                open.decrementAndGet();
            }
            RawHttpServer.respond(out, 200, "application/json", RawHttpServer.modernAnswer(request.body()));
        })) {
            ProbeTransport.Settings settings = McpHttpClients.settings().withMaxConnectionsPerOrigin(bound);
            try (ProbeHttpClient client = McpHttpClients.create(settings, UrlPolicy.local())) {
                McpProber prober = new McpProber(client, McpLimits.defaults(), new EraCache(10));
                List<CompletableFuture<ProbeResult>> futures = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    futures.add(prober.probe(endpoint(server.url(), i).timeoutMs(30_000).build(), Optional.empty()));
                }
                for (CompletableFuture<ProbeResult> future : futures) {
                    ProbeResult result = future.get(60, TimeUnit.SECONDS);
                    assertThat(result.outcome().kind()).as(result.outcome().describe()).isEqualTo(OutcomeKind.OK);
                    assertThat(result.era()).contains(Era.MODERN);
                }
            }
        }
        assertThat(mostOpen.get()).isPositive().isLessThanOrEqualTo(bound);
    }

    private static TestEndpoints endpoint(URI url, int i) {
        return TestEndpoints.at(url).id("ep-" + i).timeoutMs(30_000);
    }

    private static void add(List<Case> cases, int count, java.util.function.IntFunction<Case> make) {
        int from = cases.size();
        for (int i = 0; i < count; i++) {
            cases.add(make.apply(from + i));
        }
    }
}
