package dev.mcpulse.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a bearer JWT against the configured OpenID Connect issuer, with Nimbus JOSE+JWT: the signature by a key of
 * the issuer's JWKS (discovered from {@code /.well-known/openid-configuration} on first use unless
 * {@value AuthSettings#JWKS_URI_PROPERTY} names it; fetched, cached and refreshed on an unknown key id by Nimbus),
 * an asymmetric algorithm only, then the claims: issuer exactly, audience ({@code aud}, or {@code client_id} as Cognito
 * access tokens carry it — the rule API Gateway's JWT authorizer applies), {@code exp} required and {@code nbf}
 * honoured, both with {@link #SKEW}. Time comes from the injected clock. A failure reason names the claim, never
 * the token. Built whether or not an issuer is configured; {@link #enabled()} says which.
 */
@Singleton
final class OidcTokenVerifier {

    static final Duration SKEW = Duration.ofSeconds(60);
    private static final int TIMEOUT_MS = 3_000;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** What the issuer's discovery document says; the dashboard needs the two endpoints to sign in. */
    record Metadata(URI issuer, URI jwksUri, Optional<URI> authorizationEndpoint, Optional<URI> tokenEndpoint) {
    }

    /** A verified caller: never the token itself. */
    record Caller(String subject, Optional<String> clientId, Set<String> scopes, Set<String> groups) {

        /** A client acting for itself (client_credentials): its subject is its own client id. */
        boolean machine() {
            return clientId.isPresent() && clientId.get().equals(subject);
        }

        String describe() {
            return (machine() ? "client " : "subject ") + subject;
        }
    }

    sealed interface Result {
        record Valid(Caller caller) implements Result {
        }

        record Invalid(String reason) implements Result {
        }

        /** The issuer's keys could not be fetched: the token may be fine, so this is not the caller's fault. */
        record Unavailable() implements Result {
        }
    }

    private final Optional<AuthSettings.Oidc> configured;
    private final String groupsClaim;
    private final Clock clock;
    private final ResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, 512 * 1024);
    private volatile Metadata metadata;
    private volatile DefaultJWTProcessor<SecurityContext> processor;

    OidcTokenVerifier(AuthSettings settings, Clock clock) {
        this.configured = settings.oidc();
        this.groupsClaim = settings.groupsClaim();
        this.clock = clock;
    }

    /** An issuer is configured: every route but the sign-in shell needs its tokens. */
    boolean enabled() {
        return configured.isPresent();
    }

    private AuthSettings.Oidc settings() {
        return configured.orElseThrow(() -> new IllegalStateException("no OIDC issuer is configured"));
    }

    Result verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor().process(token, null);
        } catch (KeySourceException e) {
            return new Result.Unavailable();
        } catch (ParseException e) {
            return new Result.Invalid("the token is not a signed JWT");
        } catch (BadJOSEException e) {
            return new Result.Invalid("the token's signature or type is not valid for this issuer");
        } catch (JOSEException e) {
            return new Result.Invalid("the token's signature could not be verified");
        } catch (IOException e) {
            return new Result.Unavailable();
        }
        return checkClaims(claims);
    }

    /** Discovery, fetched once (and again after a failure). */
    Metadata metadata() throws IOException {
        Metadata known = metadata;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (metadata == null) {
                metadata = discover();
            }
            return metadata;
        }
    }

    private Metadata discover() throws IOException {
        AuthSettings.Oidc settings = settings();
        URI issuer = settings.issuer();
        if (settings.jwksUri().isPresent() && settings.dashboardClientId().isEmpty()) {
            return new Metadata(issuer, settings.jwksUri().get(), Optional.empty(), Optional.empty());
        }
        URL url = URI.create(issuer + "/.well-known/openid-configuration").toURL();
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(retriever.retrieveResource(url).getContent());
        } catch (ParseException e) {
            throw new IOException("the issuer's discovery document is not JSON");
        }
        if (!issuer.toString().equals(stripSlash(String.valueOf(document.get("issuer"))))) {
            throw new IOException("the discovery document names another issuer");
        }
        return new Metadata(issuer,
                settings.jwksUri().orElseGet(() -> uri(document.get("jwks_uri")).orElse(null)),
                uri(document.get("authorization_endpoint")), uri(document.get("token_endpoint")));
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws IOException {
        DefaultJWTProcessor<SecurityContext> known = processor;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (processor == null) {
                URI jwksUri = metadata().jwksUri();
                if (jwksUri == null) {
                    throw new IOException("the discovery document names no jwks_uri");
                }
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUri.toURL(), retriever)
                        .retrying(true)
                        .build();
                DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
                built.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
                // Access tokens are typed JWT, at+jwt (RFC 9068) or not at all.
                built.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                        new JOSEObjectType("at+jwt"), null));
                built.setJWTClaimsSetVerifier(null); // the claims are checked below, against the injected clock
                processor = built;
            }
            return processor;
        }
    }

    private Result checkClaims(JWTClaimsSet claims) {
        AuthSettings.Oidc settings = settings();
        Instant now = clock.instant();
        if (!settings.issuer().toString().equals(claims.getIssuer())) {
            return new Result.Invalid("the token was issued by another issuer");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return new Result.Invalid("the token has no expiry");
        }
        if (!now.isBefore(expires.toInstant().plus(SKEW))) {
            return new Result.Invalid("the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(SKEW).isBefore(notBefore.toInstant())) {
            return new Result.Invalid("the token is not valid yet");
        }
        // aud, or client_id (Cognito access tokens have no aud): the rule of API Gateway's JWT authorizer.
        Optional<String> clientId = string(claims, "client_id");
        List<String> audience = claims.getAudience() == null ? List.of() : claims.getAudience();
        boolean forUs = settings.audiences().stream()
                .anyMatch(a -> audience.contains(a) || clientId.filter(a::equals).isPresent());
        if (!forUs) {
            return new Result.Invalid("the token was issued for another audience");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            return new Result.Invalid("the token has no subject");
        }
        return new Result.Valid(new Caller(claims.getSubject(), clientId, scopes(claims), strings(claims, groupsClaim)));
    }

    /** {@code scope} (space-separated, OAuth 2.0 and Cognito) and {@code scp} (a list or a string, Okta and Entra ID). */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        string(claims, "scope").ifPresent(s -> scopes.addAll(List.of(s.strip().split("\\s+"))));
        scopes.addAll(strings(claims, "scp"));
        scopes.remove("");
        return scopes;
    }

    private static Set<String> strings(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof String s) {
            values.addAll(List.of(s.strip().split("\\s+")));
        } else if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        }
        values.remove("");
        return values;
    }

    private static Optional<String> string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static Optional<URI> uri(Object value) {
        try {
            return value instanceof String s ? Optional.of(URI.create(s)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
