package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.testsupport.StandInDns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probe's own SSRF guard: names that resolve to metadata, link-local or (outside the local runner) loopback
 * addresses are refused at resolution, before any connection — however the entry got past validation. The names
 * come from {@link StandInDns} (registered for this module's tests), so no DNS server is needed. A loopback listener
 * on the port each URL names counts connections: a name the guard refuses never reaches it, while the same name
 * under the local policy does.
 */
class AddressGuardIT {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static ProbeHttpClient localClient;
    private static ProbeHttpClient cloudClient;
    private static CountingListener listener;
    private static RunningServer server;

    @BeforeAll
    static void start() throws IOException {
        localClient = McpHttpClients.create(UrlPolicy.local());
        cloudClient = McpHttpClients.create(UrlPolicy.cloud());
        listener = new CountingListener();
        server = JavaSdkServers.builder("behind-a-name", "1.0.0").standardTools().start();
    }

    @AfterAll
    static void stop() throws IOException {
        localClient.close();
        cloudClient.close();
        listener.close();
        server.close();
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            StandInDns.METADATA + " | resolves to link-local 169.254.169.254",
            StandInDns.NIP_IO_METADATA + " | resolves to link-local 169.254.169.254",
            StandInDns.ECS_METADATA + " | resolves to link-local 169.254.170.2",
            StandInDns.V6_METADATA + " | resolves to instance-metadata fd00:ec2::254",
            StandInDns.LINK_LOCAL_V6 + " | resolves to link-local fe80::a9fe:a9fe",
            StandInDns.NAT64_METADATA + " | resolves to link-local 64:ff9b::a9fe:a9fe (IPv4 169.254.169.254)",
            StandInDns.LOOPBACK_THEN_METADATA + " | resolves to link-local 169.254.169.254",
            StandInDns.UNSPECIFIED + " | resolves to unspecified 0.0.0.0"})
    void aNameThatResolvesToARefusedAddressIsNeverDialled(String name, String reason) throws Exception {
        int before = listener.accepted();

        ProbeResult result = probe(localClient, URI.create("http://" + name + ":" + listener.port() + "/mcp"));

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.Unreachable.class,
                unreachable -> assertThat(unreachable.cause()).isEqualTo("address refused: " + reason));
        assertThat(listener.accepted()).as("connections to the listener the name would reach").isEqualTo(before);
    }

    @Test
    void outsideTheLocalRunnerANameResolvingToLoopbackIsRefusedToo() throws Exception {
        int before = listener.accepted();

        ProbeResult result = probe(cloudClient, URI.create("https://" + StandInDns.LOOPBACK + ":" + listener.port() + "/mcp"));

        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.Unreachable.class, unreachable ->
                assertThat(unreachable.cause()).isEqualTo("address refused: resolves to loopback 127.0.0.1 "
                        + "(loopback is allowed only in the local runner)"));
        assertThat(listener.accepted()).isEqualTo(before);
    }

    @Test
    void outsideTheLocalRunnerLoopbackLiteralsAreRefusedEvenPastValidation() throws Exception {
        int before = listener.accepted();

        ProbeResult result = probe(cloudClient, URI.create("https://127.0.0.1:" + listener.port() + "/mcp"));

        assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.UNREACHABLE);
        assertThat(((ProbeOutcome.Unreachable) result.outcome()).cause()).startsWith("address refused: resolves to loopback");
        assertThat(listener.accepted()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://169.254.169.254/latest/meta-data/ | resolves to link-local 169.254.169.254",
            "http://[fd00:ec2::254]/latest/meta-data/ | resolves to instance-metadata fd00:ec2::254",
            "http://[::ffff:169.254.169.254]/latest/meta-data/ | resolves to link-local 169.254.169.254",
            "http://[fe80::1]/mcp | resolves to link-local fe80::1"})
    void metadataLiteralsThatSkippedValidationAreRefusedWithoutAConnectionAttempt(String url, String reason)
            throws Exception {
        ProbeResult result = probe(localClient, URI.create(url));

        // Refused by the resolver, so nothing was dialled: a dial would have timed out or failed to route instead.
        assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.Unreachable.class,
                unreachable -> assertThat(unreachable.cause()).isEqualTo("address refused: " + reason));
    }

    /** The controls: the listener counts what reaches it, and the guard lets the local runner's loopback names through. */
    @Test
    void locallyTheSameLoopbackNameReachesItsServer() throws Exception {
        int before = listener.accepted();
        ProbeResult unanswered = probe(localClient, URI.create("http://" + StandInDns.LOOPBACK + ":" + listener.port() + "/mcp"));
        assertThat(unanswered.outcome().kind()).isNotEqualTo(OutcomeKind.OK);
        assertThat(listener.accepted()).as("the listener saw the probe").isGreaterThan(before);

        URI named = URI.create("http://" + StandInDns.LOOPBACK + ":" + server.url().getPort() + server.url().getPath());
        ProbeResult result = probe(localClient, named);

        assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.OK);
        assertThat(result.serverName()).contains("behind-a-name");
    }

    /** Built directly, not through the parser: these tests are about what the probe does whatever got past validation. */
    private static ProbeResult probe(ProbeHttpClient client, URI url) throws Exception {
        Endpoint endpoint = new Endpoint(new EndpointId("guarded"), "guarded", Map.of(), url, Transport.AUTO,
                new AuthRef.None(), DEADLINE, Optional.empty(), true);
        return new McpProber(client, McpLimits.defaults(), new EraCache(4)).probe(endpoint, Optional.empty())
                .get(DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
    }

    /** A loopback TCP listener that counts the connections it accepts and closes each at once. */
    private static final class CountingListener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor = Thread.ofPlatform().daemon().name("counting-listener").start(this::acceptAll);

        CountingListener() throws IOException {
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
