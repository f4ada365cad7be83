package dev.mcpulse.mcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * The probe's HTTP/1.1 client, on Netty directly: a request goes out as one message, its response comes back as a
 * head and a stream of body chunks, exactly as the server sent them (any status, no redirect followed, no error
 * translated, nothing aggregated), and the probe bounds what it reads itself. Connections are pooled per origin
 * (at most {@link Settings#maxConnectionsPerOrigin} each, an idle one closed after {@link Settings#poolIdleTimeout}),
 * host names resolved through the given resolver group (which refuses what the URL policy refuses), and the event
 * loops watched by an {@link EventLoopLag}.
 *
 * <p>An exchange the probe leaves before its response ended (size cap, deadline, a stream disposed) loses its
 * connection at once, rather than having the rest of a hostile body read in the background. One early leave is
 * ordinary: the answer has arrived in an SSE response, and a well-behaved server ends that response right after it.
 * Such an exchange ({@link Exchange#answered()}) gets {@link #ANSWERED_GRACE_MILLIS} ms for its response to end, so
 * the probe's next request can reuse the connection; a server that keeps the response open gains at most that much.
 *
 * <p>Why not a general-purpose client: a probe is four or five small exchanges, and the layers of a framework client
 * (its request and response abstractions, its reactive adapters, its own guard against early leaves) cost more CPU
 * than the exchange itself (a JFR profile of mcpulse-probe on micronaut-http-client, before this transport); on this
 * transport mcpulse-probe's CPU per probe fell by 30-50 % (B8 in docs/benchmarks.md, before and after).
 */
final class ProbeTransport implements AutoCloseable {

    /** How long an answered exchange's response may take to end before its connection is closed. */
    static final long ANSWERED_GRACE_MILLIS = 25;
    private static final int MAX_INITIAL_LINE = 4096;
    /** Why an exchange failed when its connection closed before the response had ended. */
    static final String CLOSED_EARLY = "the connection was closed before a complete response";
    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CHUNK_BYTES = 8192;

    /** What a transport is built with; {@code trust} empty for the JDK's default trust store. */
    record Settings(int maxConnectionsPerOrigin, Duration poolIdleTimeout, Duration connectTimeout, int eventLoopThreads,
                    Optional<TrustManagerFactory> trust) {

        Settings withPoolIdleTimeout(Duration timeout) {
            return new Settings(maxConnectionsPerOrigin, timeout, connectTimeout, eventLoopThreads, trust);
        }

        Settings withMaxConnectionsPerOrigin(int connections) {
            return new Settings(connections, poolIdleTimeout, connectTimeout, eventLoopThreads, trust);
        }

        /** Trusting {@code trust} (a private CA) instead of the JDK's trust store. */
        Settings withTrust(TrustManagerFactory trust) {
            return new Settings(maxConnectionsPerOrigin, poolIdleTimeout, connectTimeout, eventLoopThreads, Optional.of(trust));
        }
    }

    private final Settings settings;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext tls;
    private final EventLoopLag loops;
    private final Map<Origin, OriginPool> pools = new ConcurrentHashMap<>();
    private final AtomicInteger openExchanges = new AtomicInteger();

    ProbeTransport(Settings settings, AddressResolverGroup<InetSocketAddress> resolver, EventLoopLag loops) {
        this.settings = settings;
        this.loops = loops;
        this.group = new MultiThreadIoEventLoopGroup(settings.eventLoopThreads(),
                new DefaultThreadFactory("mcpulse-probe-http", true), NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class).resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
        try {
            // Host names verified on every connection the context makes (set here, so no system property turns it off).
            this.tls = SslContextBuilder.forClient().trustManager(settings.trust().orElse(null))
                    .endpointIdentificationAlgorithm("HTTPS").build();
        } catch (SSLException e) {
            throw new IllegalStateException("the TLS context could not be built", e);
        }
    }

    /**
     * Sends {@code call} when subscribed and reads its response with {@code read}. However reading ends — the whole
     * response, an error, a cancel — the exchange is left; if its response had not ended, its connection is closed.
     */
    <T> Flux<T> exchange(HttpCall call, BiFunction<ResponseHead, Exchange, Publisher<T>> read) {
        return Flux.using(() -> new Exchange(call),
                exchange -> exchange.start().flatMapMany(head -> read.apply(head, exchange)),
                Exchange::leave);
    }

    /** Exchanges started and not yet left: zero whenever no probe is in flight. */
    int openExchanges() {
        return openExchanges.get();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Scheme, host and port: what a connection may be reused for. */
    private record Origin(boolean secure, String host, int port) {

        static Origin of(URI uri) {
            String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an http(s) URL: " + uri);
            }
            String host = uri.getHost();
            if (host == null) {
                throw new IllegalArgumentException("a URL without a host: " + uri);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            boolean secure = scheme.equals("https");
            int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
            return new Origin(secure, host.toLowerCase(Locale.ROOT), port);
        }

        /** The Host header: the port only when it is not the scheme's default, an IPv6 literal in brackets. */
        String hostHeader() {
            String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return port == (secure ? 443 : 80) ? name : name + ":" + port;
        }
    }

    /** One request and its response, from the probe's point of view. */
    final class Exchange {
        private final HttpCall call;
        /** Set when the probe subscribes, before the request goes out: the head always meets its reader. */
        private MonoSink<ResponseHead> head;
        private final Sinks.Many<byte[]> body = Sinks.many().unicast().onBackpressureBuffer();
        private Channel channel;
        private boolean headSeen;
        private boolean ended;
        private boolean answered;
        private boolean left;

        private Exchange(HttpCall call) {
            this.call = call;
            openExchanges.incrementAndGet();
        }

        /** The response's body, chunk by chunk, each copied out of the connection's buffers as it arrives. */
        Flux<byte[]> body() {
            return body.asFlux();
        }

        /** The probe has read the answer it wanted from this exchange's response (which may still be open). */
        synchronized void answered() {
            answered = true;
        }

        /**
         * Sends the request once the probe has subscribed, so the response's head reaches the probe on the connection's
         * event loop and the probe subscribes to the body there, before its first chunk: the loop then hands every
         * chunk straight to the probe, which stops it at its cap. (A head that came before the probe subscribed went to
         * the probe's own thread, and until it subscribed to the body the loop queued whatever a fast hostile server
         * sent: 42 MB once, against a 4 MiB cap.)
         */
        private Mono<ResponseHead> start() {
            return Mono.create(sink -> {
                head = sink;
                Origin origin = Origin.of(call.uri());
                OriginPool pool = pools.computeIfAbsent(origin, OriginPool::new);
                pool.acquire().whenComplete((acquired, failure) -> {
                    if (failure != null) {
                        sink.error(failure);
                    } else {
                        acquired.eventLoop().execute(() -> send(pool, acquired));
                    }
                });
            });
        }

        /** On the connection's event loop: sends the request, unless the probe has left already. */
        private void send(OriginPool pool, Channel acquired) {
            boolean gone;
            synchronized (this) {
                gone = left;
                channel = acquired;
            }
            if (gone) {
                pool.release(acquired); // nothing was sent on it
                return;
            }
            ConnectionHandler handler = acquired.pipeline().get(ConnectionHandler.class);
            if (handler == null || !acquired.isActive()) {
                fail(new IOException(CLOSED_EARLY)); // closed between its acquisition and now: its pipeline is gone
                return;
            }
            handler.current = this;
            acquired.writeAndFlush(request(pool.origin)).addListener(written -> {
                if (!written.isSuccess()) {
                    fail(written.cause());
                    acquired.close();
                }
            });
        }

        private FullHttpRequest request(Origin origin) {
            URI uri = call.uri();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, call.method(), target,
                    Unpooled.wrappedBuffer(call.body()));
            request.headers().set(HttpHeaderNames.HOST, origin.hostHeader());
            call.headers().forEach((name, value) -> request.headers().set(name, value));
            if (call.body().length > 0 || !HttpMethod.GET.equals(call.method()) && !HttpMethod.DELETE.equals(call.method())) {
                HttpUtil.setContentLength(request, call.body().length);
            }
            return request;
        }

        private void onHead(ResponseHead received) {
            headSeen = true;
            head.success(received);
        }

        private void onChunk(byte[] chunk) {
            body.tryEmitNext(chunk);
        }

        private synchronized void markEnded() {
            ended = true;
        }

        private void complete() {
            if (!headSeen) {
                head.error(new IOException(CLOSED_EARLY));
            }
            body.tryEmitComplete();
        }

        private void fail(Throwable failure) {
            if (headSeen) {
                body.tryEmitError(failure);
            } else {
                head.error(failure);
            }
        }

        private synchronized boolean hasEnded() {
            return ended;
        }

        /** The probe is done with this exchange; a response not read to its end loses its connection. */
        private void leave() {
            openExchanges.decrementAndGet();
            Channel abandoned;
            boolean grace;
            synchronized (this) {
                left = true;
                abandoned = ended ? null : channel;
                grace = answered;
            }
            if (abandoned == null) {
                return;
            }
            // Closed from the connection's own event loop, and only if its response still has not ended there: the
            // last content may be passing through the pipeline right now, after which the connection goes back to
            // the pool and may already carry the next exchange, which a close from here would break.
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

    /** The end of every connection's pipeline: hands the response to the exchange the connection carries. */
    private static final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        private final OriginPool pool;
        /** The exchange this connection carries now; touched only on its event loop. */
        private Exchange current;
        private boolean keepAlive;
        private boolean informational;

        ConnectionHandler(OriginPool pool) {
            this.pool = pool;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                Exchange exchange = current;
                if (exchange == null) {
                    ctx.close(); // bytes nobody asked for: the connection is not fit for reuse
                    return;
                }
                if (message instanceof HttpObject object && object.decoderResult().isFailure()) {
                    current = null;
                    exchange.fail(new DecoderException(object.decoderResult().cause()));
                    ctx.close();
                    return;
                }
                if (message instanceof HttpResponse response) {
                    informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                    if (!informational) {
                        keepAlive = HttpUtil.isKeepAlive(response);
                        exchange.onHead(new ResponseHead(response.status().code(), response.headers()));
                    }
                }
                if (message instanceof HttpContent content && !informational) {
                    if (content.content().isReadable()) {
                        exchange.onChunk(ByteBufUtil.getBytes(content.content()));
                    }
                    if (content instanceof LastHttpContent) {
                        // Ended, then pooled, then told: the probe's next request, sent as it hears of the end,
                        // finds this connection free.
                        current = null;
                        exchange.markEnded();
                        if (keepAlive) {
                            pool.release(ctx.channel());
                        } else {
                            ctx.close();
                        }
                        exchange.complete();
                    }
                } else if (message instanceof LastHttpContent) {
                    informational = false; // the end of a 1xx response: the real one follows
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pool.forget(ctx.channel());
            Exchange exchange = current;
            current = null;
            if (exchange != null) {
                exchange.fail(new IOException(CLOSED_EARLY));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Exchange exchange = current;
            current = null;
            if (exchange != null) {
                exchange.fail(cause);
            }
            ctx.close();
        }
    }

    /** The connections to one origin: at most the configured number open, idle ones reused most recent first. */
    private final class OriginPool {
        private final Origin origin;
        private final Set<Channel> open = new HashSet<>();
        /** Oldest first: a connection is added when it goes idle and reused from the end (most recent first). */
        private final ArrayDeque<Idle> idle = new ArrayDeque<>();
        private final ArrayDeque<CompletableFuture<Channel>> waiting = new ArrayDeque<>();
        private int connecting;
        /** Whether a sweep of expired idle connections is due: one timer per pool, not one per exchange. */
        private boolean sweepScheduled;

        private record Idle(Channel channel, long sinceNanos) {
        }

        OriginPool(Origin origin) {
            this.origin = origin;
        }

        CompletableFuture<Channel> acquire() {
            CompletableFuture<Channel> acquired = new CompletableFuture<>();
            Channel reuse = null;
            boolean connect = false;
            synchronized (this) {
                for (Idle candidate; (candidate = idle.pollLast()) != null; ) {
                    if (candidate.channel().isActive()) {
                        reuse = candidate.channel();
                        break;
                    }
                }
                if (reuse == null) {
                    if (open.size() + connecting < settings.maxConnectionsPerOrigin()) {
                        connecting++;
                        connect = true;
                    } else {
                        waiting.add(acquired);
                    }
                }
            }
            if (reuse != null) {
                acquired.complete(reuse);
            } else if (connect) {
                connect(acquired);
            }
            return acquired;
        }

        private void connect(CompletableFuture<Channel> acquired) {
            Bootstrap connection = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel channel) {
                    loops.watch(channel.eventLoop());
                    if (origin.secure()) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc(), origin.host(), origin.port()));
                    }
                    channel.pipeline().addLast(new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
                    channel.pipeline().addLast(new ConnectionHandler(OriginPool.this));
                }
            });
            ChannelFuture connected = connection.connect(InetSocketAddress.createUnresolved(origin.host(), origin.port()));
            connected.addListener(done -> {
                Channel channel = connected.channel();
                synchronized (this) {
                    connecting--;
                    if (done.isSuccess()) {
                        open.add(channel);
                    }
                }
                if (!done.isSuccess()) {
                    acquired.completeExceptionally(done.cause());
                    admitWaiting();
                } else if (origin.secure()) {
                    // Usable once TLS is up: a handshake that fails fails this request with its own cause (an expired
                    // certificate, say), not with a connection closed before any request was on it.
                    channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                        if (handshake.isSuccess()) {
                            acquired.complete(channel);
                        } else {
                            acquired.completeExceptionally(handshake.cause());
                        }
                    });
                } else {
                    acquired.complete(channel);
                }
            });
        }

        /** A connection whose exchange ended: to the next request waiting for one, or idle until reused or expired. */
        void release(Channel channel) {
            CompletableFuture<Channel> next;
            synchronized (this) {
                if (!open.contains(channel) || !channel.isActive()) {
                    return;
                }
                next = waiting.poll();
                if (next == null) {
                    idle.add(new Idle(channel, System.nanoTime()));
                    if (!sweepScheduled) {
                        sweepScheduled = true;
                        group.schedule(this::sweep, settings.poolIdleTimeout().toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
            }
            if (next != null) {
                next.complete(channel);
            }
        }

        /** Closes the connections idle for the whole timeout, and comes back when the next one will have been. */
        private void sweep() {
            List<Channel> expired = new ArrayList<>();
            synchronized (this) {
                long now = System.nanoTime();
                long timeout = settings.poolIdleTimeout().toNanos();
                while (!idle.isEmpty() && now - idle.peekFirst().sinceNanos() >= timeout) {
                    expired.add(idle.pollFirst().channel());
                }
                sweepScheduled = !idle.isEmpty();
                if (sweepScheduled) {
                    group.schedule(this::sweep, idle.peekFirst().sinceNanos() + timeout - now, TimeUnit.NANOSECONDS);
                }
            }
            expired.forEach(Channel::close);
        }

        /** A connection closed (by either side): its place goes to a request waiting for one. */
        void forget(Channel channel) {
            synchronized (this) {
                open.remove(channel);
                idle.removeIf(entry -> entry.channel() == channel);
            }
            admitWaiting();
        }

        private void admitWaiting() {
            CompletableFuture<Channel> next;
            synchronized (this) {
                if (waiting.isEmpty() || open.size() + connecting >= settings.maxConnectionsPerOrigin()) {
                    return;
                }
                next = waiting.poll();
                connecting++;
            }
            connect(next);
        }
    }
}
