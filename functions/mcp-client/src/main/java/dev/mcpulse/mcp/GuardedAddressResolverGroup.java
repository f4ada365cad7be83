package dev.mcpulse.mcp;

import dev.mcpulse.domain.endpoint.UrlPolicy;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.internal.SocketUtils;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The probe's DNS, where SSRF is stopped for good. Validation refuses metadata and link-local hosts written in a URL,
 * but a DNS name can resolve there, and can resolve differently at probe time than at save time (rebinding). So
 * every name the probe connects to is resolved here — by the JDK, as Netty's default resolver does — and refused
 * when any of its addresses is one the {@link UrlPolicy} refuses. Netty connects to the address this returns, so the
 * address checked is the address connected to; a refused name never gets a connection attempt at all.
 */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final UrlPolicy policy;

    GuardedAddressResolverGroup(UrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new GuardedNameResolver(executor, policy));
    }

    private static final class GuardedNameResolver extends InetNameResolver {

        private final UrlPolicy policy;

        GuardedNameResolver(EventExecutor executor, UrlPolicy policy) {
            super(executor);
            this.policy = policy;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            try {
                promise.setSuccess(allowed(host).get(0));
            } catch (UnknownHostException | AddressRefusedException e) {
                promise.setFailure(e);
            }
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            try {
                promise.setSuccess(allowed(host));
            } catch (UnknownHostException | AddressRefusedException e) {
                promise.setFailure(e);
            }
        }

        /** Every address of the name, first the one the JDK would pick; refused if any one is refused. */
        private List<InetAddress> allowed(String host) throws UnknownHostException, AddressRefusedException {
            List<InetAddress> addresses = List.of(SocketUtils.allAddressesByName(host));
            Optional<String> refusal = addresses.stream().map(policy::refusal).flatMap(Optional::stream).findFirst();
            if (refusal.isPresent()) {
                throw new AddressRefusedException(refusal.get());
            }
            return addresses;
        }
    }
}
