package dev.mcpulse.domain.endpoint;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which endpoint URLs are acceptable. On AWS only https to ordinary hosts; the local runner also allows plain
 * http and loopback. Link-local and instance-metadata targets are refused unless explicitly allowed.
 */
public record UrlPolicy(boolean localMode, boolean allowLinkLocal) {

    public static UrlPolicy cloud() {
        return new UrlPolicy(false, false);
    }

    public static UrlPolicy local() {
        return new UrlPolicy(true, false);
    }

    /** The parsed URL, or the reason it is refused (as the "expected" part of a field error). */
    public sealed interface Verdict {
        record Accepted(URI uri) implements Verdict {
        }

        record Refused(String expected) implements Verdict {
        }
    }

    public Verdict check(String raw) {
        if (raw.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            return refused("a URL without invisible formatting characters (zero-width or bidirectional controls)");
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return refused("a valid absolute URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return refused(schemes());
        }
        if (scheme.equals("http") && !localMode) {
            return refused(schemes());
        }
        if (uri.getRawUserInfo() != null) {
            return refused("no user:password@ in the URL (put credentials in auth, as a secret reference)");
        }
        String host = uri.getHost();
        if ((host == null || host.isEmpty()) && hasNonAscii(uri.getRawAuthority())) {
            // java.net.URI reads only ASCII hosts; a look-alike letter (a Cyrillic 'а') is refused here, named
            return refused("a host and port in ASCII: an international domain name in its xn-- (punycode) form");
        }
        if (host == null || host.isEmpty()) {
            return refused("a URL with a host name or IP address");
        }
        if (uri.getRawFragment() != null) {
            return refused("a URL without a #fragment");
        }
        Optional<String> hostProblem = hostProblem(host);
        if (hostProblem.isPresent()) {
            return refused(hostProblem.get());
        }
        return new Verdict.Accepted(uri);
    }

    /**
     * Why the probe must not connect to an address a host name resolved to, or empty when it may. DNS names can lead
     * anywhere, so the rules for hosts written in URLs apply again to the address itself, e.g. "resolves to
     * link-local 169.254.169.254".
     */
    public Optional<String> refusal(InetAddress address) {
        HostAddresses.HostKind kind = HostAddresses.classify(address);
        boolean allowed = switch (kind) {
            case LOOPBACK -> localMode;
            case LINK_LOCAL_OR_METADATA -> allowLinkLocal;
            case UNSPECIFIED -> false;
            case OTHER -> true;
        };
        if (allowed) {
            return Optional.empty();
        }
        String why = kind == HostAddresses.HostKind.LOOPBACK ? " (loopback is allowed only in the local runner)" : "";
        return Optional.of("resolves to " + HostAddresses.describe(address) + why);
    }

    private Optional<String> hostProblem(String host) {
        return switch (HostAddresses.classify(host)) {
            case LOOPBACK -> localMode ? Optional.empty()
                    : Optional.of("a host that is not loopback (loopback is allowed only in the local runner)");
            case LINK_LOCAL_OR_METADATA -> allowLinkLocal ? Optional.empty()
                    : Optional.of("a host that is not link-local or an instance-metadata address");
            case UNSPECIFIED -> Optional.of("a routable host, not an unspecified address like 0.0.0.0");
            case OTHER -> Optional.empty();
        };
    }

    private String schemes() {
        return localMode ? "an http:// or https:// URL" : "an https:// URL (plain http is allowed only in the local runner)";
    }

    private static boolean hasNonAscii(String text) {
        return text != null && text.chars().anyMatch(c -> c > 0x7F);
    }

    private static Verdict refused(String expected) {
        return new Verdict.Refused(expected);
    }
}
