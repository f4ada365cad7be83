package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection whose exchange ended without its response — here, at the deadline — is never handed to the next probe.
 * On HTTP/1.1 a keep-alive server answers a connection's requests in order: were that connection reused, the late
 * answer to the old request would be read as the answer to the next probe's request (response desync), a verdict on
 * the wrong exchange; or the next probe would wait on a dead connection. A connection whose response was read to its
 * end stays pooled.
 *
 * <p>Two things keep it so, and this test holds the pair to it: {@link ProbeTransport} returns a connection to its pool
 * only once the response of its request has ended, not when the request's subscriber goes away; and it closes the
 * connection of an exchange left before its response ended.
 */
class ConnectionReuseIT {

    /** Long enough for a warm client on a loaded machine to have its request on the wire well before it. */
    private static final int TIMED_OUT_DEADLINE_MS = 1_000;
    /** Long after the first probe's deadline and long before the second probe's. */
    private static final Duration LATE = Duration.ofMillis(3_000);
    private static final String LATE_SERVER = "late-answer-to-the-timed-out-request";
    /** The query that asks the server for a late answer; the origin, and so the connection pool, is the same. */
    private static final String ANSWER_LATE = "answer=late";

    @Test
    void aTimedOutExchangesConnectionIsNotReusedSoItsLateAnswerReachesNoLaterProbe() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(ConnectionReuseIT::answer);
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            McpProber prober = new McpProber(client, McpLimits.defaults(), new EraCache(4));
            // A first probe loads the client's classes, so that the timed-out probe's request is on the wire at once.
            assertThat(probe(prober, server.url(), 10_000).outcome().kind()).isEqualTo(OutcomeKind.OK);

            ProbeResult timedOut = probe(prober, URI.create(server.url() + "?" + ANSWER_LATE), TIMED_OUT_DEADLINE_MS);
            ProbeResult next = probe(prober, server.url(), 10_000);

            assertThat(timedOut.outcome().kind()).isEqualTo(OutcomeKind.TIMEOUT);
            assertThat(server.servedAtLeast(5, Duration.ofSeconds(10))).as("requests served").hasSize(5);
            List<KeepAliveServer.Served> served = server.served();
            int timedOutConnection = served.get(2).connection();
            assertThat(served.get(2).request().path()).as("the timed-out probe's request").endsWith(ANSWER_LATE);
            assertThat(next.serverName()).as("the server named in the answer the next probe read").isEmpty();
            assertThat(next.outcome().kind()).as(next.outcome().describe()).isEqualTo(OutcomeKind.OK);
            assertThat(served.subList(3, 5)).as("the next probe's discover and tools/list").extracting(KeepAliveServer.Served::connection)
                    .doesNotContain(timedOutConnection)
                    .containsOnly(served.get(3).connection()); // one connection: a completed exchange's is reused
        }
    }

    private static ProbeResult probe(McpProber prober, URI url, int deadlineMs) throws Exception {
        return prober.probe(TestEndpoints.at(url).timeoutMs(deadlineMs).build(), Optional.empty()).get(20, TimeUnit.SECONDS);
    }

    /** A request that asks for it is answered late, by a server that names itself so; every other one at once. */
    private static KeepAliveServer.Answer answer(RawHttpServer.Request request) {
        if (!request.path().endsWith(ANSWER_LATE)) {
            return new KeepAliveServer.Answer(Duration.ZERO, RawHttpServer.modernAnswer(request.body()));
        }
        String id = Json.parse(request.body().getBytes(StandardCharsets.UTF_8)).orElseThrow().path("id").toString();
        String late = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"supportedVersions\":[\"2026-07-28\"],"
                + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"" + LATE_SERVER + "\",\"version\":\"1\"},"
                + "\"resultType\":\"complete\",\"ttlMs\":0}}";
        return new KeepAliveServer.Answer(LATE, late.getBytes(StandardCharsets.UTF_8));
    }
}
