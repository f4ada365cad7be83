package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.netty.NettyClientCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The guard's handler on a real (embedded) Netty channel: what it strips, what it closes and what it leaves alone. */
class ExchangeGuardTest {

    private final ExchangeGuard guard = new ExchangeGuard(new EventLoopLag(java.time.Clock.systemUTC()));

    private EmbeddedChannel connection() {
        EmbeddedChannel channel = new EmbeddedChannel();
        guard.specializeForChannel(channel, NettyClientCustomizer.ChannelRole.CONNECTION).onStreamPipelineBuilt();
        return channel;
    }

    private static HttpRequest tagged(ExchangeGuard.Exchange exchange) {
        HttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/mcp");
        request.headers().set(ExchangeGuard.TAG, exchange.tag());
        return request;
    }

    @Test
    void theTagNeverLeavesTheClient() {
        EmbeddedChannel channel = connection();
        channel.writeOutbound(tagged(guard.open()));

        HttpRequest sent = channel.readOutbound();
        assertThat(sent.headers().contains(ExchangeGuard.TAG)).isFalse();
    }

    @Test
    void anExchangeLeftBeforeItsResponseEndedClosesTheConnection() {
        EmbeddedChannel channel = connection();
        ExchangeGuard.Exchange exchange = guard.open();
        channel.writeOutbound(tagged(exchange));
        channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK),
                new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] {'{'})));

        exchange.leave();
        channel.runPendingTasks(); // the close runs on the connection's event loop

        assertThat(channel.isOpen()).isFalse();
        assertThat(guard.openExchanges()).isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void anExchangeLeftAfterItsResponseEndedKeepsTheConnectionForReuse() {
        EmbeddedChannel channel = connection();
        ExchangeGuard.Exchange exchange = guard.open();
        channel.writeOutbound(tagged(exchange));
        channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), LastHttpContent.EMPTY_LAST_CONTENT);

        exchange.leave();
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void aResponseThatEndsOnTheEventLoopBeforeTheCloseRunsKeepsItsConnection() {
        EmbeddedChannel channel = connection();
        ExchangeGuard.Exchange exchange = guard.open();
        channel.writeOutbound(tagged(exchange));
        channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));

        exchange.leave(); // the probe has its answer; the last content is already on its way
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT); // ...and the connection returns to the pool
        channel.runPendingTasks();

        assertThat(channel.isOpen()).as("a pooled connection that may carry the next exchange").isTrue();
        channel.finishAndReleaseAll();
    }

    /** An SSE exchange whose answer has arrived, left by the probe while its stream is still open; time frozen. */
    private EmbeddedChannel answeredAndLeftWithItsStreamOpen() {
        EmbeddedChannel channel = connection();
        channel.freezeTime();
        ExchangeGuard.Exchange exchange = guard.open();
        channel.writeOutbound(tagged(exchange));
        channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK),
                new DefaultHttpContent(Unpooled.wrappedBuffer("data: {}\n\n".getBytes())));
        exchange.answered();
        exchange.leave();
        return channel;
    }

    @Test
    void anAnsweredExchangeWhoseResponseEndsWithinTheGraceKeepsItsConnectionForTheNextExchange() {
        EmbeddedChannel channel = answeredAndLeftWithItsStreamOpen(); // the server ends the stream a moment later
        channel.runPendingTasks();
        assertThat(channel.isOpen()).as("not closed at once").isTrue();
        channel.advanceTimeBy(ExchangeGuard.ANSWERED_GRACE_MILLIS / 2, TimeUnit.MILLISECONDS);
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        channel.advanceTimeBy(ExchangeGuard.ANSWERED_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void anAnsweredExchangeWhoseResponseStaysOpenLosesItsConnectionAfterTheGrace() {
        EmbeddedChannel channel = answeredAndLeftWithItsStreamOpen();
        channel.advanceTimeBy(ExchangeGuard.ANSWERED_GRACE_MILLIS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("within the grace").isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).as("a response that never ends does not keep its connection").isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aContinueResponseDoesNotEndTheExchange() {
        EmbeddedChannel channel = connection();
        ExchangeGuard.Exchange exchange = guard.open();
        channel.writeOutbound(tagged(exchange));
        channel.writeInbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));

        exchange.leave();
        channel.runPendingTasks(); // the close runs on the connection's event loop

        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void anExchangeLeftBeforeItsRequestWasWrittenClosesTheConnectionItLands() {
        EmbeddedChannel channel = connection();
        ExchangeGuard.Exchange exchange = guard.open();
        HttpRequest request = tagged(exchange);
        exchange.leave();

        channel.writeOneOutbound(request); // the write reaches the guard, which closes the connection under it

        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
