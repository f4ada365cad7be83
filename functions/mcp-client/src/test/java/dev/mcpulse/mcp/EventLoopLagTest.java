package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.port.LocalLoad;
import io.netty.channel.DefaultEventLoop;
import java.time.Clock;
import java.time.Duration;
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
    void aNewClientsLoopsAreWatchedBeforeItsFirstConnection() throws Exception {
        try (ProbeHttpClient client = McpHttpClients.create(UrlPolicy.local())) {
            assertThat(((EventLoopLag) client.eventLoopLag()).watched()).isEqualTo(McpHttpClients.EVENT_LOOP_THREADS);
            // A cold client's first probe is measured by its loops too: a backlog on them is not the server's timeout.
            LocalLoad.Mark firstProbe = client.eventLoopLag().mark();

            client.eventLoops().next().submit(() -> sleep(300)).get(5, TimeUnit.SECONDS);

            assertThat(firstProbe.stalled()).isGreaterThanOrEqualTo(Duration.ofMillis(300 - EventLoopLag.PERIOD_MILLIS - 5));
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
