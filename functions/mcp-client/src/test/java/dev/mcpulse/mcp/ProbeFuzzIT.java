package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeResult;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated replies served over real HTTP to the whole prober: each probe must end with a classified
 * outcome before its deadline — never an unclassified fault, never a hang.
 */
class ProbeFuzzIT {

    private static final int CASES = 300;
    private static ProbeHttpClient client;

    @BeforeAll
    static void start() {
        client = McpHttpClients.create(UrlPolicy.local());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static ProbeResult probe(URI url, int deadlineMs) {
        Endpoint endpoint = TestEndpoints.at(url).timeoutMs(deadlineMs).build();
        try {
            return new McpProber(client, McpLimits.defaults(), new EraCache(4)).probe(endpoint, Optional.empty())
                    .get(deadlineMs + 1_000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the probe did not complete normally within its deadline (+1 s of grace)", e);
        }
    }

    @Test
    void everyRandomReplyIsClassified() throws Exception {
        Mutations mutations = new Mutations(42L);
        AtomicInteger served = new AtomicInteger();
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            boolean sse;
            byte[] body;
            synchronized (mutations) {
                sse = mutations.random().nextBoolean();
                body = sse ? mutations.sseStream() : mutations.jsonBody();
            }
            served.incrementAndGet();
            RawHttpServer.respond(out, 200, sse ? "text/event-stream" : "application/json", body);
        })) {
            for (int i = 0; i < CASES; i++) {
                ProbeResult result = probe(server.url(), 2_000);

                assertThat(result.outcome().describe()).as("case %d", i)
                        .doesNotContain("could not be processed").doesNotContain("could not start");
            }
        }
        assertThat(served.get()).isGreaterThanOrEqualTo(CASES);
    }
}
