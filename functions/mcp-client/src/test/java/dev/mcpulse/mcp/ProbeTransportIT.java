package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Signal;

/**
 * The probe's transport on its own, against loopback servers that write bytes by hand: a response read to its end
 * leaves its connection to the next request, until it has been idle for the pool's timeout; a response left early
 * loses it, at once, or after a short grace when the probe had its answer; and no exchange stays tracked once the
 * probe is done with it.
 */
class ProbeTransportIT {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private static HttpCall ping(RawHttpServer server) {
        return ping(server.url());
    }

    private static HttpCall ping(java.net.URI url) {
        return HttpCall.post(url, McpHttp.APPLICATION_JSON, Map.of(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** The whole body, as text. */
    private static String readAll(ProbeTransport transport, HttpCall call) {
        return transport.exchange(call, (head, exchange) -> exchange.body()
                        .reduce(new StringBuilder(), (text, chunk) -> text.append(new String(chunk, StandardCharsets.UTF_8)))
                        .map(StringBuilder::toString))
                .next().block(PATIENCE);
    }

    @Test
    void aResponseReadToItsEndLeavesItsConnectionToTheNextRequest() throws Exception {
        try (KeepAliveServer server = KeepAliveServer.start(request ->
                new KeepAliveServer.Answer(Duration.ZERO, RawHttpServer.modernAnswer(request.body())));
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            for (int i = 0; i < 3; i++) {
                assertThat(readAll(client.transport(), ping(server.url()))).contains("\"jsonrpc\"");
            }

            assertThat(server.servedAtLeast(3, PATIENCE)).extracting(KeepAliveServer.Served::connection)
                    .containsExactly(1, 1, 1);
            assertThat(client.transport().openExchanges()).isZero();
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeoutAndOneReusedMeanwhileIsNot() throws Exception {
        Duration idleTimeout = Duration.ofSeconds(1);
        try (KeepAliveServer server = KeepAliveServer.start(request ->
                new KeepAliveServer.Answer(Duration.ZERO, RawHttpServer.modernAnswer(request.body())));
             ProbeHttpClient client = McpHttpClients.create(McpHttpClients.settings().withPoolIdleTimeout(idleTimeout),
                     UrlPolicy.local())) {
            readAll(client.transport(), ping(server.url()));
            Thread.sleep(idleTimeout.multipliedBy(6).dividedBy(10).toMillis());
            readAll(client.transport(), ping(server.url())); // reused: idle again from now
            Thread.sleep(idleTimeout.multipliedBy(6).dividedBy(10).toMillis());
            readAll(client.transport(), ping(server.url())); // past the first idle spell's end, not the second's
            Thread.sleep(idleTimeout.multipliedBy(25).dividedBy(10).toMillis());
            readAll(client.transport(), ping(server.url())); // idle for the whole timeout: closed, so a new one

            assertThat(server.servedAtLeast(4, PATIENCE)).extracting(KeepAliveServer.Served::connection)
                    .containsExactly(1, 1, 1, 2);
        }
    }

    @Test
    void aResponseLeftBeforeItsEndLosesItsConnectionAtOnce() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{");
            Thread.sleep(30_000); // the rest never comes: only the client can end this
        });
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            byte[] first = client.transport().exchange(ping(server), (head, exchange) -> exchange.body()).next().block(PATIENCE);

            assertThat(first).isEqualTo(new byte[] {'{'});
            assertThat(server.allConnectionsReleased(PATIENCE)).as("the client closed the connection").isTrue();
            assertThat(client.transport().openExchanges()).isZero();
        }
    }

    @Test
    void anAnsweredResponseThatStaysOpenLosesItsConnectionAfterTheGrace() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) -> {
            RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            String event = "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n";
            RawHttpServer.write(out, Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
            Thread.sleep(30_000); // a server that does not end the stream after the answer
        });
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            long start = System.nanoTime();
            List<byte[]> answer = client.transport().exchange(ping(server), (head, exchange) -> exchange.body().take(1)
                    .doOnNext(chunk -> exchange.answered())).collectList().block(PATIENCE);

            assertThat(answer).hasSize(1);
            assertThat(server.allConnectionsReleased(PATIENCE)).as("closed once the grace was over").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(ProbeTransport.ANSWERED_GRACE_MILLIS));
            assertThat(client.transport().openExchanges()).isZero();
        }
    }

    @Test
    void aConnectionClosedBeforeTheResponseEndedFailsTheExchange() throws Exception {
        try (RawHttpServer server = RawHttpServer.start((request, out) ->
                RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"par"));
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            Throwable failure = client.transport().exchange(ping(server), (head, exchange) -> exchange.body())
                    .materialize().filter(Signal::isOnError).next().block(PATIENCE).getThrowable();

            assertThat(failure).isInstanceOf(IOException.class)
                    .hasMessage(ProbeTransport.CLOSED_EARLY);
            assertThat(client.transport().openExchanges()).isZero();
        }
    }
}
