package dev.mcpulse.mcp;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * A real OAuth 2.0 / OpenID Connect authorization server in the test JVM on 127.0.0.1: {@code mock-oauth2-server}
 * serves the issuer's metadata (OIDC discovery and RFC 8414) and its signing keys, and mints the JWT access tokens.
 * The mock accepts any client, so its token endpoint is taken over here by a route that does what a real server
 * does and the mock leaves out: it authenticates the client (secret basic, secret post, or an RFC 7523 assertion
 * verified with the client's registered public key), answers {@code invalid_client} otherwise, withholds scopes a
 * client may not have, and issues tokens for the requested {@code resource} (RFC 8707, as {@code aud}) with the
 * granted scope in a {@code scope} claim. It also counts token requests and keeps the last one for assertions
 * (never printed: it holds the secret). Public, and in this module's test jar, for the probe function's canary walk.
 */
public final class AuthorizationServer implements AutoCloseable {

    static final String ISSUER_ID = "mcp-as";
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final OAuth2TokenProvider tokens = new OAuth2TokenProvider();
    private final MockOAuth2Server server;
    private final int port;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final Set<String> withheld = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Map<String, String> lastTokenRequest = Map.of();
    private volatile Optional<String> lastBasicClient = Optional.empty();
    private volatile Optional<JWTClaimsSet> lastAssertion = Optional.empty();
    private volatile long lifetimeSeconds = 3600;
    private volatile int failWith;
    private volatile boolean registration;

    public AuthorizationServer() {
        server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, tokens), new TokenRoute(),
                new RegistrationMetadataRoute());
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        port = server.url(ISSUER_ID).port();
    }

    public URI issuer() {
        return URI.create("http://127.0.0.1:" + port + "/" + ISSUER_ID);
    }

    public URI jwks() {
        return URI.create(issuer() + "/jwks");
    }

    int port() {
        return port;
    }

    public void register(String clientId, String secret) {
        secrets.put(clientId, secret);
    }

    public void register(String clientId, PublicKey key) {
        keys.put(clientId, key);
    }

    /** The client secret of {@code clientId} is no longer accepted (rotated away, revoked). */
    void revoke(String clientId) {
        secrets.remove(clientId);
        keys.remove(clientId);
    }

    /** No client gets {@code scope}, whatever it asks for. */
    public void withhold(String scope) {
        withheld.add(scope);
    }

    void tokenLifetime(long seconds) {
        lifetimeSeconds = seconds;
    }

    /** The token endpoint answers every request with {@code status} and no OAuth error (0: normal service). */
    void failTokenRequestsWith(int status) {
        failWith = status;
    }

    /**
     * Publishes RFC 8414 metadata (at the path-inserted location, which the mock leaves unanswered) that adds a
     * {@code registration_endpoint} to what the mock's OpenID configuration says: a server open to dynamic client
     * registration.
     */
    void advertiseRegistration() {
        registration = true;
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    Map<String, String> lastTokenRequest() {
        return lastTokenRequest;
    }

    Optional<String> lastBasicClient() {
        return lastBasicClient;
    }

    Optional<JWTClaimsSet> lastAssertion() {
        return lastAssertion;
    }

    /** Every access token issued so far (for canary walks). */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private final class TokenRoute implements Route {

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return request.getMethod().equals("POST") && request.getUrl().encodedPath().equals("/" + ISSUER_ID + "/token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            tokenRequests.incrementAndGet();
            Map<String, String> form = form(request.getBody());
            lastTokenRequest = form;
            if (failWith != 0) {
                return new OAuth2HttpResponse(Headers.of("Content-Type", "text/html"), failWith, "<h1>down</h1>", null);
            }
            Optional<String> client = authenticate(request, form);
            if (client.isEmpty()) {
                return error(401, "invalid_client", "client authentication failed");
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                return error(400, "unsupported_grant_type", "only client_credentials");
            }
            String granted = Arrays.stream(form.getOrDefault("scope", "").split(" "))
                    .filter(s -> !s.isEmpty() && !withheld.contains(s)).collect(Collectors.joining(" "));
            Optional<String> resource = Optional.ofNullable(form.get("resource"));
            // The mock mints the token from a Nimbus request; the client is already authenticated above.
            TokenRequest nimbus = new TokenRequest(URI.create(issuer() + "/token"),
                    new ClientSecretBasic(new ClientID(client.get()), new Secret("authenticated-above")),
                    new ClientCredentialsGrant(), null);
            String token = tokens.accessToken(nimbus, HttpUrl.get(issuer().toString()),
                    new Callback(client.get(), resource, granted, lifetimeSeconds), null).serialize();
            issued.add(token);
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200,
                    "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetimeSeconds
                            + (granted.isEmpty() ? "" : ",\"scope\":\"" + granted + "\"") + "}", null);
        }

        private Optional<String> authenticate(OAuth2HttpRequest request, Map<String, String> form) {
            String basic = request.getHeaders().get("Authorization");
            if (basic != null && basic.startsWith("Basic ")) {
                String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
                String id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
                lastBasicClient = Optional.of(id);
                return pair.length == 2 && URLDecoder.decode(pair[1], StandardCharsets.UTF_8).equals(secrets.get(id))
                        ? Optional.of(id) : Optional.empty();
            }
            if (form.containsKey("client_secret")) {
                String id = form.get("client_id");
                return id != null && form.get("client_secret").equals(secrets.get(id)) ? Optional.of(id) : Optional.empty();
            }
            if (ASSERTION_TYPE.equals(form.get("client_assertion_type")) && form.containsKey("client_assertion")) {
                return assertion(form.get("client_assertion"), form.get("client_id"));
            }
            return Optional.empty();
        }

        /** RFC 7523 section 3: signature by the client's registered key, iss = sub = client, aud = this issuer, unexpired. */
        private Optional<String> assertion(String jwt, String formClientId) {
            try {
                SignedJWT signed = SignedJWT.parse(jwt);
                JWTClaimsSet claims = signed.getJWTClaimsSet();
                lastAssertion = Optional.of(claims);
                PublicKey key = keys.get(claims.getIssuer());
                if (key == null) {
                    return Optional.empty();
                }
                JWSVerifier verifier = key instanceof RSAPublicKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECPublicKey) key);
                boolean valid = signed.verify(verifier)
                        && claims.getIssuer().equals(claims.getSubject())
                        && (formClientId == null || formClientId.equals(claims.getIssuer()))
                        && claims.getAudience().contains(issuer().toString())
                        && claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(Instant.now())
                        && claims.getJWTID() != null;
                return valid ? Optional.of(claims.getIssuer()) : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        private OAuth2HttpResponse error(int status, String error, String description) {
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), status,
                    "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}", null);
        }
    }

    private final class RegistrationMetadataRoute implements Route {

        @Override
        public boolean match(OAuth2HttpRequest request) {
            return registration && request.getMethod().equals("GET")
                    && request.getUrl().encodedPath().equals("/.well-known/oauth-authorization-server/" + ISSUER_ID);
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String issuer = issuer().toString();
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, "{\"issuer\":\"" + issuer
                    + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\"" + issuer
                    + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\",\"registration_endpoint\":\"" + issuer
                    + "/register\",\"code_challenge_methods_supported\":[\"S256\"],\"grant_types_supported\":"
                    + "[\"authorization_code\",\"client_credentials\"]}", null);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    /** Tokens for the requested resource (RFC 8707), with the granted scope, for the client itself. */
    private record Callback(String clientId, Optional<String> resource, String scope, long lifetime)
            implements OAuth2TokenCallback {
        @Override
        public String issuerId() {
            return ISSUER_ID;
        }

        @Override
        public String subject(com.nimbusds.oauth2.sdk.TokenRequest request) {
            return clientId;
        }

        @Override
        public String typeHeader(com.nimbusds.oauth2.sdk.TokenRequest request) {
            return "JWT";
        }

        @Override
        public List<String> audience(com.nimbusds.oauth2.sdk.TokenRequest request) {
            return resource.map(List::of).orElse(List.of());
        }

        @Override
        public Map<String, Object> addClaims(com.nimbusds.oauth2.sdk.TokenRequest request) {
            return Map.of("scope", scope, "client_id", clientId);
        }

        @Override
        public long tokenExpiry() {
            return lifetime;
        }
    }
}
