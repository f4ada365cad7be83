package io.micronaut.http.client.netty;

import io.micronaut.http.client.HttpClientConfiguration;
import io.netty.resolver.AddressResolverGroup;

/**
 * mcpulse's one reach into micronaut-http-client's own package: a client built outside an application context (the
 * command-line probe has none) with a {@link NettyClientCustomizer} and its own DNS resolution. Micronaut installs
 * customizers and resolver beans on context-managed clients only; for a hand-built client its builder has both
 * hooks, but package-private. Compiled against the real builder: an upgrade that moves them fails the build rather
 * than a probe.
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
}
