package io.micronaut.http.client.netty;

import io.micronaut.http.client.HttpClientConfiguration;
import io.netty.resolver.AddressResolverGroup;

/**
 * mcpulse's one reach into micronaut-http-client's own package. A client's DNS resolution can be replaced only through
 * {@code DefaultHttpClientBuilder.resolverGroup}, which is package-private (the builder is Micronaut's internal API
 * for its own modules), or through a Micronaut context's named resolver bean, which the command-line probe does not
 * have. The compiler checks this call against the micronaut-http-client in use: an upgrade that moves it fails the
 * build, never a probe.
 */
public final class ResolverGroupClients {

    private ResolverGroupClients() {
    }

    /** A client with {@code configuration} that resolves host names only through {@code resolver}, which it closes. */
    public static DefaultHttpClient create(HttpClientConfiguration configuration, AddressResolverGroup<?> resolver) {
        return DefaultHttpClient.builder().configuration(configuration).resolverGroup(resolver).build();
    }
}
