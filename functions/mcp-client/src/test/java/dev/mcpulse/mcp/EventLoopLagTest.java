package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.mcpservers.JavaSdkServers;
import io.netty.channel.DefaultEventLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The event loops' hold-ups: work queued on a loop delays its measuring task by as long as the work takes. */
class EventLoopLagTest {

    @Test
    void workThatOccupiesALoopIsAHoldUpOfThatLoop() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            EventLoopLag lag = new EventLoopLag(Clock.systemUTC());
            lag.watch(loop);
            lag.watch(loop);
            assertThat(lag.watched()).isOne();
            LocalLoad.Mark mark = lag.mark();

            loop.submit(() -> sleep(300)).get(5, TimeUnit.SECONDS); // the loop can run nothing else meanwhile

            // The tick that fell due during the work ran (or is still waiting) after it: held up for most of it.
            assertThat(mark.stalled()).isGreaterThanOrEqualTo(Duration.ofMillis(300 - EventLoopLag.PERIOD_MILLIS - 5));
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theLoopsOfTheProbesConnectionsAreWatched() throws Exception {
        try (JavaSdkServers.InProcessServer server = JavaSdkServers.builder("watched", "1.0.0").standardTools().start();
             ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            assertThat(((EventLoopLag) client.eventLoopLag()).watched()).isZero();
            ProbeResult result = new McpProber(client, McpLimits.defaults(), new EraCache(1))
                    .probe(TestEndpoints.at(server.url()).build(), Optional.empty()).get(15, TimeUnit.SECONDS);

            assertThat(result.outcome().kind()).isEqualTo(OutcomeKind.OK);
            assertThat(((EventLoopLag) client.eventLoopLag()).watched()).isPositive();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
