package dev.mcpulse.domain.endpoint;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The save-time half of the SSRF rules: a host name whose addresses the {@link UrlPolicy} refuses (a name that
 * resolves to 169.254.169.254, say) is refused as a bad url, so an operator learns at once. It is a courtesy, not
 * the defence: DNS can answer differently later (rebinding), so the probe checks the address it actually connects
 * to as well. A name that does not resolve now is accepted; it may be registered before its DNS exists.
 */
public final class ResolvedHostCheck {

    /** The addresses a host name resolves to; the JDK's resolver in production. */
    @FunctionalInterface
    public interface Lookup {
        List<InetAddress> addresses(String host) throws UnknownHostException;
    }

    private final UrlPolicy policy;
    private final Lookup lookup;

    public ResolvedHostCheck(UrlPolicy policy, Lookup lookup) {
        this.policy = policy;
        this.lookup = lookup;
    }

    /** The host a check needs to look up: a DNS name; empty for an address literal, which the URL rules judged. */
    private static Optional<String> nameToResolve(URI url) {
        String host = url.getHost();
        if (host == null || HostAddresses.literal(host).isPresent()
                || HostAddresses.classify(host) != HostAddresses.HostKind.OTHER) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    /** The url's field error when its host name resolves to a refused address; empty otherwise. */
    public Optional<FieldError> check(URI url) {
        Optional<String> name = nameToResolve(url);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<InetAddress> addresses;
        try {
            addresses = lookup.addresses(name.get());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return refusal(url, addresses);
    }

    /** The url's field error when any of the addresses its host resolved to is refused. */
    private Optional<FieldError> refusal(URI url, List<InetAddress> addresses) {
        return addresses.stream()
                .map(policy::refusal)
                .flatMap(Optional::stream)
                .findFirst()
                .map(reason -> new FieldError("url", Found.describe(Found.withoutUserInfo(url.toString())),
                        "a host whose addresses may be probed (it " + reason + ")"));
    }
}
