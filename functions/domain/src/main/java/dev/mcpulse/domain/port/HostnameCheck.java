package dev.mcpulse.domain.port;

import dev.mcpulse.domain.endpoint.FieldError;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The save-time DNS check of registry entries: a host name that resolves to an address the URL policy refuses
 * (instance metadata, link-local; loopback outside the local runner) is a bad url. It is the early, clear error;
 * the defence is the probe's resolver, which checks the address it connects to.
 */
@FunctionalInterface
public interface HostnameCheck {

    /** Accepts every name: for callers with no resolver (tests of the rules around it). */
    HostnameCheck NONE = urls -> urls.stream().map(url -> Optional.<FieldError>empty()).toList();

    /** For each url, in order, its field error when its host name resolves to a refused address. */
    List<Optional<FieldError>> refusals(List<URI> urls);
}
