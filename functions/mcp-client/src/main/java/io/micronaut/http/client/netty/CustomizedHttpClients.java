package io.micronaut.http.client.netty;

import io.micronaut.http.client.HttpClientConfiguration;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;

/**
 * mcpulse's one reach into micronaut-http-client's own package: a client built outside an application context (the
 * command-line probe has none) with a {@link NettyClientCustomizer} and its own DNS resolution, and the event loops
 * such a client runs on. Micronaut installs customizers and resolver beans on context-managed clients only; for a
 * hand-built client its builder has both hooks, and its connection manager the loops, but package-private. Compiled
 * against the real classes: an upgrade that moves them fails the build rather than a probe.
 */
public final class CustomizedHttpClients {

    private CustomizedHttpClients() {
    }

    /** A client with {@code configuration} that resolves host names only through {@code resolver}, which it closes. */
    public static DefaultHttpClient create(HttpClientConfiguration configuration, NettyClientCustomizer customizer,
                                           AddressResolverGroup<?> resolver) {
        return DefaultHttpClient.builder().configuration(configuration).clientCustomizer(customizer)
                .resolverGroup(resolver).build();
    }

    /** The event loops {@code client} runs every connection on, all of them from its creation. */
    public static EventLoopGroup eventLoops(DefaultHttpClient client) {
        return client.connectionManager().getGroup();
    }
}
