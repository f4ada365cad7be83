package dev.mcpulse.local;

import dev.mcpulse.api.ApiError;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.json.JsonMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A request whose headers, or whose request line, are longer than Netty accepts ({@code micronaut.server.netty.
 * max-header-size}, 8 KiB; {@code max-initial-line-length}, 4 KiB) is answered 431 Request Header Fields Too Large, or
 * 414 URI Too Long, in the API's error shape. Micronaut itself answers every decoder overflow with 413, which the API
 * renders as "the request body is too large": wrong for a request that may have no body at all. 413 stays for bodies.
 *
 * <p>The answer is written right behind Netty's HTTP decoder, which has given up on the connection (it discards what
 * follows), so the connection is closed after it. Only the local runner serves HTTP on Netty; on AWS, API Gateway
 * enforces its own limits before the api function is invoked.
 */
@Singleton
final class RequestHeadLimits implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String HANDLER = "mcpulse-request-head-limits";

    private final byte[] headersTooLarge;
    private final byte[] lineTooLong;

    RequestHeadLimits(NettyHttpServerConfiguration configuration, JsonMapper json) {
        this.headersTooLarge = json(json, ApiError.of("headers_too_large", "the request's headers are larger than the "
                + configuration.getMaxHeaderSize() + " bytes this server accepts in all: send fewer or shorter headers"));
        this.lineTooLong = json(json, ApiError.of("uri_too_long", "the request line (method, path and query) is longer"
                + " than the " + configuration.getMaxInitialLineLength() + " characters this server accepts"));
    }

    private static byte[] json(JsonMapper json, ApiError error) {
        try {
            return json.writeValueAsBytes(error);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    /** The server-wide customizer (no channel) and its specialization for each HTTP/1 connection. */
    private final class Customizer implements NettyServerCustomizer {
        private final Channel connection;

        Customizer(Channel connection) {
            this.connection = connection;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (connection != null && connection.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                connection.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Refusal());
            }
        }
    }

    /** Answers the request the decoder failed on for its length; passes every other message on unchanged. */
    private final class Refusal extends ChannelInboundHandlerAdapter {
        private boolean answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (answered) {
                ReferenceCountUtil.release(message);
                return;
            }
            Throwable failure = message instanceof HttpRequest request && request.decoderResult().isFailure()
                    ? request.decoderResult().cause() : null;
            if (failure instanceof TooLongHttpHeaderException) {
                answer(ctx, message, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, headersTooLarge);
            } else if (failure instanceof TooLongHttpLineException) {
                answer(ctx, message, HttpResponseStatus.REQUEST_URI_TOO_LONG, lineTooLong);
            } else {
                ctx.fireChannelRead(message);
            }
        }

        private void answer(ChannelHandlerContext ctx, Object message, HttpResponseStatus status, byte[] body) {
            answered = true;
            ReferenceCountUtil.release(message);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
