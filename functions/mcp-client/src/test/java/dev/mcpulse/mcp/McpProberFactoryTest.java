package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.port.Prober;
import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class McpProberFactoryTest {

    @Test
    void theContextProvidesTheProbeAsTheProberPortConnectingWhereItsUrlPolicyAllows() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().singletons(UrlPolicy.local()).start()) {
            Prober prober = context.getBean(Prober.class);

            assertThat(prober).isInstanceOf(McpProber.class);
            assertThat(unreachableCause(prober)).isEqualTo("the connection was refused or could not be made");
        }
    }

    @Test
    void withoutAUrlPolicyTheProbeKeepsToTheCloudRules() throws Exception {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(unreachableCause(context.getBean(Prober.class)))
                    .startsWith("address refused: resolves to loopback 127.0.0.1");
        }
    }

    /** What a probe of a closed loopback port says. */
    private static String unreachableCause(Prober prober) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ProbeOutcome outcome = prober.probe(TestEndpoints.at(URI.create("http://127.0.0.1:" + port + "/mcp")).build(),
                Optional.empty()).get(15, TimeUnit.SECONDS).outcome();
        return ((ProbeOutcome.Unreachable) outcome).cause();
    }
}
