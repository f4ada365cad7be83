package dev.mcpulse.mcp;

import io.micronaut.http.client.netty.NettyClientCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes the connection of every exchange the probe leaves before its response has ended. When a response body is
 * no longer wanted, Micronaut's client keeps reading it to the end so that the connection can be reused; against
 * a hostile server that means downloading the rest of a 1 GiB body, or holding an endless or dripping stream open
 * for as long as the server likes, long after the probe has its outcome. A probe leaves a response early on
 * purpose (size cap, deadline, the SSE answer has arrived, a legacy SSE session ends), and then the connection
 * must go.
 *
 * <p>Micronaut's proxy exchange does not say which connection carries a request, so the request carries a tag
 * header, which a handler at the end of every connection's pipeline reads and removes before the request is
 * encoded: the tag never reaches the wire. The same handler sees the response's last content, which marks the
 * exchange as ended (its connection may then go back to the pool).
 *
 * <p>One early leave is ordinary: the answer has arrived in an SSE response, and a well-behaved server ends that
 * response right after it. Such an exchange ({@link Exchange#answered()}) gets {@link #ANSWERED_GRACE_MILLIS} ms for its
 * response to end before its connection is closed, so the next exchange of the probe can reuse the connection
 * instead of opening a new one; a server that keeps the response open gains at most that much.
 */
final class ExchangeGuard implements NettyClientCustomizer {

    /** How long an answered exchange's response may take to end before its connection is closed. */
    static final long ANSWERED_GRACE_MILLIS = 25;

    /** Carries an exchange's id from the request to its connection; removed before the request is encoded. */
    static final String TAG = "X-Mcpulse-Exchange";
    private static final String HANDLER_NAME = "mcpulse-exchange-guard";

    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Exchange> open = new ConcurrentHashMap<>();
    private final EventLoopLag loops;

    /** {@code loops}: measures the event loop of every connection the client opens. */
    ExchangeGuard(EventLoopLag loops) {
        this.loops = loops;
    }

    /** Starts tracking one exchange; the caller tags its request with {@link Exchange#tag()} and calls {@link Exchange#leave()} at the end. */
    Exchange open() {
        Exchange exchange = new Exchange(nextId.incrementAndGet());
        open.put(exchange.id, exchange);
        return exchange;
    }

    /** Exchanges opened and not yet left: zero whenever no probe is in flight. */
    int openExchanges() {
        return open.size();
    }

    /** One request and its response, from the probe's point of view. */
    final class Exchange {
        private final long id;
        private Channel channel;
        private boolean responseEnded;
        private boolean answered;
        private boolean left;

        private Exchange(long id) {
            this.id = id;
        }

        String tag() {
            return Long.toString(id);
        }

        /** The probe has read the answer it wanted from this exchange's response (which may still be open). */
        synchronized void answered() {
            answered = true;
        }

        /** The probe is done with this exchange; a response not read to its end loses its connection. */
        void leave() {
            open.remove(id);
            Channel abandoned;
            boolean grace;
            synchronized (this) {
                left = true;
                abandoned = responseEnded ? null : channel;
                grace = answered;
            }
            if (abandoned != null) {
                // Closed from the connection's own event loop, and only if its response still has not ended there:
                // the last content may be passing through the pipeline right now, after which the connection goes
                // back to the pool and may already carry the next exchange, which a close from here would break.
                Runnable closeIfNotEnded = () -> {
                    if (!hasEnded()) {
                        abandoned.close();
                    }
                };
                if (grace) {
                    abandoned.eventLoop().schedule(closeIfNotEnded, ANSWERED_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    abandoned.eventLoop().execute(closeIfNotEnded);
                }
            }
        }

        private synchronized boolean hasEnded() {
            return responseEnded;
        }

        private void sentOn(Channel sent) {
            boolean alreadyLeft;
            synchronized (this) {
                channel = sent;
                alreadyLeft = left;
            }
            if (alreadyLeft) {
                sent.close();
            }
        }

        private synchronized void responseEnded() {
            responseEnded = true;
        }
    }

    @Override
    public NettyClientCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        if (channel.isRegistered()) { // always, where Micronaut calls this; a probe never fails for a measurement
            loops.watch(channel.eventLoop());
        }
        return new NettyClientCustomizer() {
            @Override
            public NettyClientCustomizer specializeForChannel(Channel inner, ChannelRole innerRole) {
                return ExchangeGuard.this.specializeForChannel(inner, innerRole);
            }

            /** Called once the HTTP codec is in place: the tracker goes after it, so it sees requests and responses as objects. */
            @Override
            public void onStreamPipelineBuilt() {
                if (channel.pipeline().get(HANDLER_NAME) == null) {
                    channel.pipeline().addLast(HANDLER_NAME, new Tracker());
                }
            }
        };
    }

    /** Per connection: which exchange the request in flight belongs to, and when its response ends. */
    private final class Tracker extends ChannelDuplexHandler {

        private Exchange current;
        private boolean informational;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpRequest request && request.headers().contains(TAG)) {
                String tag = request.headers().get(TAG);
                request.headers().remove(TAG);
                current = open.get(Long.parseLong(tag));
                ctx.write(msg, promise);
                if (current == null) {
                    // Left before it was sent (cancelled in the meantime): nobody will read the response.
                    ctx.close();
                } else {
                    current.sentOn(ctx.channel());
                }
                return;
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse response) {
                // A 1xx response (100 Continue, 103 Early Hints) ends before the real one begins.
                informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                        && !response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS);
            }
            if (msg instanceof LastHttpContent && !informational && current != null) {
                current.responseEnded();
                current = null;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
