package io.micronaut.http.client.netty;

import io.micronaut.http.client.HttpClientConfiguration;

/**
 * A client built outside an application context with a {@link NettyClientCustomizer}. Micronaut installs
 * customizers on context-managed clients only; for a hand-built client its builder has the hook, but package-private,
 * hence this one bridge in Micronaut's package. Compiled against the real builder: an upgrade that removes the hook
 * fails the build rather than a probe.
 */
public final class CustomizedHttpClients {

    private CustomizedHttpClients() {
    }

    public static DefaultHttpClient create(HttpClientConfiguration configuration, NettyClientCustomizer customizer) {
        return DefaultHttpClient.builder().configuration(configuration).clientCustomizer(customizer).build();
    }
}
