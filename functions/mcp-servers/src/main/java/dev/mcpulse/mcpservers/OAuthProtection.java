package dev.mcpulse.mcpservers;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Java SDK server protects itself as an OAuth 2.1 resource server (the MCP authorization spec): it accepts
 * only JWT access tokens signed by {@code issuer} (keys from {@code jwks}), for itself (RFC 8707: {@code aud} holds
 * its URL), unexpired, and carrying every scope of {@code requiredScope}. It serves RFC 9728 protected resource
 * metadata naming {@code issuer}; a request without a valid token gets 401 with a Bearer challenge pointing there,
 * and one whose token lacks a scope gets 403 {@code insufficient_scope}.
 *
 * <p>The other components make the server misbehave on purpose, for tests of the client's checks.
 *
 * @param advertisedScope     the scope the 401 challenge and {@code scopes_supported} name (may be less than required)
 * @param resourceOverride    a {@code resource} for the metadata other than the server's own URL (a mismatch)
 * @param resourceMetadataUrl a {@code resource_metadata} for the challenge other than the server's own document
 */
public record OAuthProtection(URI issuer, URI jwks, String requiredScope, String advertisedScope,
                              Optional<String> resourceOverride, Optional<URI> resourceMetadataUrl) {

    public OAuthProtection {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(requiredScope, "requiredScope");
        Objects.requireNonNull(advertisedScope, "advertisedScope");
    }

    /** Tokens from {@code issuer} with {@code scope}; the challenge and the metadata name that scope. */
    public static OAuthProtection of(URI issuer, URI jwks, String scope) {
        return new OAuthProtection(issuer, jwks, scope, scope, Optional.empty(), Optional.empty());
    }

    /** Advertises {@code scope} but requires {@code required}: a client gets 403 insufficient_scope and must step up. */
    public OAuthProtection requiring(String required) {
        return new OAuthProtection(issuer, jwks, required, advertisedScope, resourceOverride, resourceMetadataUrl);
    }

    /** Metadata that names another resource. */
    public OAuthProtection claimingResource(String resource) {
        return new OAuthProtection(issuer, jwks, requiredScope, advertisedScope, Optional.of(resource), resourceMetadataUrl);
    }

    /** A challenge whose {@code resource_metadata} points at {@code url}. */
    public OAuthProtection pointingMetadataAt(URI url) {
        return new OAuthProtection(issuer, jwks, requiredScope, advertisedScope, resourceOverride, Optional.of(url));
    }
}
