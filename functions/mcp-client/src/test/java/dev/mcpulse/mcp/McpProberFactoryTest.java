package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.OutcomeKind;
import dev.mcpulse.domain.port.Prober;
import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class McpProberFactoryTest {

    @Test
    void theContextProvidesTheProbeAsTheProberPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (ApplicationContext context = ApplicationContext.run()) {
            Prober prober = context.getBean(Prober.class);

            assertThat(prober).isInstanceOf(McpProber.class);
            assertThat(prober.probe(TestEndpoints.at(URI.create("http://127.0.0.1:" + port + "/mcp")).build(), Optional.empty())
                    .get(15, TimeUnit.SECONDS).outcome().kind()).isEqualTo(OutcomeKind.UNREACHABLE);
        }
    }
}
