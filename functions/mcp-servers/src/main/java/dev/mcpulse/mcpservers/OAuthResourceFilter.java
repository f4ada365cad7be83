package dev.mcpulse.mcpservers;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The resource-server half of the MCP authorization spec, for {@link OAuthProtection}: protected resource metadata at
 * the RFC 9728 well-known locations, and the token check on every other request. Tokens are validated with Nimbus
 * JOSE+JWT against the issuer's published keys, with no clock skew allowed (an expired token is refused at once).
 */
final class OAuthResourceFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final OAuthProtection protection;
    private final String mcpPath;
    private final transient DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String resource;

    OAuthResourceFilter(OAuthProtection protection, String mcpPath) {
        this.protection = protection;
        this.mcpPath = mcpPath;
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(protection.jwks().toURL()).retrying(false).build();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256), keys));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the JWKS location is not a URL", e);
        }
    }

    /** The server's own URL, its resource identifier; known once the server has its port. */
    void resource(String url) {
        this.resource = url;
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(url,
                new JWTClaimsSet.Builder().issuer(protection.issuer().toString()).build(), Set.of("exp", "sub"));
        verifier.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(verifier);
    }

    /** Requests refused with 401 or 403 so far. */
    int refused() {
        return refused.get();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI();
        if (path.equals(WELL_KNOWN + mcpPath) || path.equals(WELL_KNOWN)) {
            metadata(response);
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            challenge(response, 401, "", protection.advertisedScope());
            return;
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(authorization.substring(7).strip(), null);
        } catch (Exception e) {
            challenge(response, 401, "error=\"invalid_token\", ", protection.advertisedScope());
            return;
        }
        Object scope = claims.getClaim("scope");
        Set<String> granted = scope instanceof String text ? new HashSet<>(Arrays.asList(text.split(" "))) : Set.of();
        if (!granted.containsAll(List.of(protection.requiredScope().split(" ")))) {
            challenge(response, 403, "error=\"insufficient_scope\", ", protection.requiredScope());
            return;
        }
        chain.doFilter(request, response);
    }

    private void challenge(HttpServletResponse response, int status, String error, String scope) throws IOException {
        refused.incrementAndGet();
        String metadata = protection.resourceMetadataUrl().map(Object::toString)
                .orElseGet(() -> origin() + WELL_KNOWN + mcpPath);
        response.setStatus(status);
        response.setHeader("WWW-Authenticate", "Bearer " + error + "resource_metadata=\"" + metadata + "\", scope=\"" + scope + "\"");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + (status == 403 ? "insufficient_scope" : "invalid_token") + "\"}");
    }

    private void metadata(HttpServletResponse response) throws IOException {
        String named = protection.resourceOverride().orElse(resource);
        response.setStatus(200);
        response.setContentType("application/json");
        response.getWriter().write("{\"resource\":\"" + named + "\",\"authorization_servers\":[\"" + protection.issuer()
                + "\"],\"scopes_supported\":[\"" + String.join("\",\"", protection.advertisedScope().split(" "))
                + "\"],\"bearer_methods_supported\":[\"header\"]}");
    }

    private String origin() {
        return resource.substring(0, resource.length() - mcpPath.length());
    }
}
