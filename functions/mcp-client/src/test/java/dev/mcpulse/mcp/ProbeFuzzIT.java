package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.ProbeResult;
import dev.mcpulse.domain.UrlPolicy;
import io.micronaut.http.client.netty.DefaultHttpClient;
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
    private static DefaultHttpClient client;

    @BeforeAll
    static void start() {
        client = McpHttpClients.create(UrlPolicy.local());
    }

    @AfterAll
    static void stop() {
        client.close();
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
                ProbeResult result = HostileServerIT.probe(client, server, 2_000);

                assertThat(result.outcome().describe()).as("case %d", i)
                        .doesNotContain("could not be processed").doesNotContain("could not start");
            }
        }
        assertThat(served.get()).isGreaterThanOrEqualTo(CASES);
    }
}
