package dev.mcpulse.api;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who the API trusts, read once at startup so that a half-configured identity provider stops the function before it
 * serves anything. Without an issuer the API behaves as the local runner always has: read routes open, admin routes
 * behind {@value AdminCredentials#TOKEN_PROPERTY}. With one, every route but the dashboard's sign-in shell needs a
 * bearer JWT from that issuer, and admin routes need the admin scope (or the admin group, for people).
 */
@Context
final class AuthSettings {

    static final String ISSUER_PROPERTY = "mcpulse.auth.oidc.issuer";
    static final String AUDIENCE_PROPERTY = "mcpulse.auth.oidc.audience";
    static final String JWKS_URI_PROPERTY = "mcpulse.auth.oidc.jwks-uri";
    static final String DASHBOARD_CLIENT_PROPERTY = "mcpulse.auth.oidc.dashboard-client-id";
    static final String ADMIN_SCOPE_PROPERTY = "mcpulse.auth.admin-scope";
    static final String ADMIN_GROUP_PROPERTY = "mcpulse.auth.admin-group";
    static final String GROUPS_CLAIM_PROPERTY = "mcpulse.auth.groups-claim";
    static final String PUBLIC_READ_PROPERTY = "mcpulse.auth.public-read";

    static final String DEFAULT_ADMIN_SCOPE = "mcpulse/admin";
    static final String DEFAULT_GROUPS_CLAIM = "cognito:groups";

    /** The issuer's settings, present only when an issuer is configured. */
    record Oidc(URI issuer, List<String> audiences, Optional<URI> jwksUri, Optional<String> dashboardClientId) {
    }

    private final Optional<Oidc> oidc;
    private final String adminScope;
    private final Optional<String> adminGroup;
    private final String groupsClaim;
    private final boolean publicRead;

    AuthSettings(Environment environment) {
        Optional<String> issuer = text(environment, ISSUER_PROPERTY);
        List<String> audiences = text(environment, AUDIENCE_PROPERTY)
                .map(a -> Arrays.stream(a.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (issuer.isPresent() && audiences.isEmpty()) {
            throw new IllegalStateException(AUDIENCE_PROPERTY + " must name the audience (or client id) tokens are "
                    + "issued for when " + ISSUER_PROPERTY + " is set");
        }
        if (issuer.isEmpty() && !audiences.isEmpty()) {
            throw new IllegalStateException(AUDIENCE_PROPERTY + " is set but " + ISSUER_PROPERTY + " is not");
        }
        this.oidc = issuer.map(i -> new Oidc(uri(ISSUER_PROPERTY, stripSlash(i)), audiences,
                text(environment, JWKS_URI_PROPERTY).map(u -> uri(JWKS_URI_PROPERTY, u)),
                text(environment, DASHBOARD_CLIENT_PROPERTY)));
        this.adminScope = text(environment, ADMIN_SCOPE_PROPERTY).orElse(DEFAULT_ADMIN_SCOPE);
        this.adminGroup = text(environment, ADMIN_GROUP_PROPERTY);
        this.groupsClaim = text(environment, GROUPS_CLAIM_PROPERTY).orElse(DEFAULT_GROUPS_CLAIM);
        this.publicRead = environment.getProperty(PUBLIC_READ_PROPERTY, Boolean.class).orElse(false);
    }

    Optional<Oidc> oidc() {
        return oidc;
    }

    String adminScope() {
        return adminScope;
    }

    Optional<String> adminGroup() {
        return adminGroup;
    }

    String groupsClaim() {
        return groupsClaim;
    }

    /** Read routes (and the OpenAPI document) answer without a token: opened on purpose. */
    boolean publicRead() {
        return publicRead;
    }

    private static Optional<String> text(Environment environment, String property) {
        return environment.getProperty(property, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** https, or http to this machine only (a test's or a developer's own identity provider). */
    private static URI uri(String property, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not a URL", null);
        }
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                || "[::1]".equals(uri.getHost());
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
            throw new IllegalStateException(property + " must be an https URL (http only for localhost)");
        }
        return uri;
    }
}
