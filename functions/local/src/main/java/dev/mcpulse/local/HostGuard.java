package dev.mcpulse.local;

import dev.mcpulse.api.ApiError;
import io.micronaut.http.HttpStatus;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names the local runner answers to, against DNS rebinding: a web page on a domain of its own can make that
 * domain resolve to 127.0.0.1 and then read this runner's API from the developer's browser (the browser sees one
 * origin). The page cannot change the {@code Host} header its requests carry — it is the page's own domain — so a
 * request is answered only when its Host names this machine: {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, the
 * {@code --host} address, or a name given with {@code --allowed-host}.
 *
 * <p>The port in the header is not compared. A rebinding page necessarily talks to the port this runner listens on,
 * so checking it would stop nothing; and a port forward (ssh -L, a container's published port, an IDE's forwarded
 * port) legitimately reaches the runner under another port.
 */
final class HostGuard {

    static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");

    private static final Pattern NAME = Pattern.compile("[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");
    private static final Pattern PORT = Pattern.compile(":[0-9]{0,5}");

    private final Set<String> allowed;
    private final String authority;

    /**
     * @param boundHost    the {@code --host} address (or name) the server binds
     * @param allowedHosts the {@code --allowed-host} names, as {@link #normalize} returns them
     * @param port         the port the server listens on, for the address the refusal suggests
     */
    HostGuard(String boundHost, List<String> allowedHosts, int port) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK);
        normalize(boundHost).ifPresent(names::add);
        names.addAll(allowedHosts);
        this.allowed = Set.copyOf(names);
        this.authority = "localhost:" + port;
    }

    /** Why a request is not answered: the status and the API's error body. */
    record Refusal(HttpStatus status, ApiError body) {
    }

    /**
     * Empty when the request may be answered. A request with no Host, several, or one that is not a host name or
     * address gets 400, as RFC 9112 (section 3.2) asks of HTTP/1.1; an HTTP/1.0 request without one gets it too:
     * every browser sends Host, so only a hand-made client omits it, and it can add one. A well-formed Host naming
     * another machine gets 421 Misdirected Request: this server is not the one that name is for.
     */
    Optional<Refusal> check(List<String> hostHeaders) {
        if (hostHeaders.isEmpty()) {
            return refuse(HttpStatus.BAD_REQUEST, "invalid_host", "the request has no Host header: send the host "
                    + "and port you connect to, e.g. Host: " + authority);
        }
        if (hostHeaders.size() > 1) {
            return refuse(HttpStatus.BAD_REQUEST, "invalid_host",
                    "the request has " + hostHeaders.size() + " Host headers: send one");
        }
        Optional<String> host = hostOf(hostHeaders.getFirst().strip());
        if (host.isEmpty()) {
            return refuse(HttpStatus.BAD_REQUEST, "invalid_host",
                    "the Host header is not a host name or address with an optional port");
        }
        if (allowed.contains(host.get())) {
            return Optional.empty();
        }
        return refuse(HttpStatus.MISDIRECTED_REQUEST, "host_not_allowed", "this local mcpulse answers requests for "
                + String.join(", ", allowed.stream().sorted().toList()) + ", not for \"" + host.get() + "\": a web page"
                + " can point a name of its own at this machine (DNS rebinding) and read the fleet. Open http://" + authority + "/"
                + " instead, or, if " + host.get() + " is yours, restart with --allowed-host " + host.get());
    }

    /** The host of a Host header value (its port, if any, dropped), normalized; empty when it is not one. */
    static Optional<String> hostOf(String value) {
        int end = value.startsWith("[") ? value.indexOf(']') + 1 : value.indexOf(':') < 0 ? value.length() : value.indexOf(':');
        if (end <= 0) {
            return Optional.empty();
        }
        String port = value.substring(end);
        return port.isEmpty() || PORT.matcher(port).matches() ? normalize(value.substring(0, end)) : Optional.empty();
    }

    /**
     * A host name or address as the guard compares it: lower case, without the trailing dot of a fully qualified
     * name, an IPv6 address in brackets; empty when it is neither a DNS name nor an address.
     */
    static Optional<String> normalize(String host) {
        String text = host.strip().toLowerCase(Locale.ROOT);
        boolean bracketed = text.startsWith("[") && text.endsWith("]");
        String bare = bracketed ? text.substring(1, text.length() - 1) : text;
        if (IPV6.matcher(bare).matches() && bare.chars().filter(c -> c == ':').count() >= 2) {
            return Optional.of("[" + bare + "]");
        }
        if (bracketed) {
            return Optional.empty();
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    private static Optional<Refusal> refuse(HttpStatus status, String error, String message) {
        return Optional.of(new Refusal(status, ApiError.of(error, "Host", message)));
    }
}
