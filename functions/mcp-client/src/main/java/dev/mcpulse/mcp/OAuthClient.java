package dev.mcpulse.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.AuthRef.TokenEndpointAuth;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * The probe's OAuth client for the MCP client-credentials extension ({@code io.modelcontextprotocol/oauth-client-credentials}):
 * from the MCP server's 401 challenge to an access token, per the MCP authorization spec (2025-11-25).
 * <ol>
 *   <li>the challenge's {@code resource_metadata} (RFC 9728 section 5.1), else the well-known protected resource
 *       metadata URLs, path-based then root;</li>
 *   <li>the protected resource metadata, whose {@code resource} must be the server (else refused), and its first
 *       authorization server unless the endpoint names one;</li>
 *   <li>the authorization server metadata: RFC 8414 with path insertion, then OpenID Connect discovery; its
 *       {@code issuer} must be the one asked for;</li>
 *   <li>the token request: {@code grant_type=client_credentials}, {@code resource} = the server's canonical URI
 *       (RFC 8707), the scope (configured, else the challenge's, else {@code scopes_supported}, else none), and the
 *       client's authentication (secret basic or post, or an RFC 7523 assertion).</li>
 * </ol>
 * Every request goes through the probe's one HTTP client (address guard, no redirects, the size cap) and under the
 * probe's deadline, which its caller applies. Each broken link is an outcome that names it; no token, secret or
 * server-chosen URL ever appears in one.
 */
final class OAuthClient {

    static final String PRM = "protected_resource_metadata";
    static final String AS_METADATA = "authorization_server_metadata";
    static final String CHALLENGE = "challenge";
    private static final String WELL_KNOWN_PRM = "/.well-known/oauth-protected-resource";
    private static final Pattern ERROR_CODE = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");
    private static final int MAX_SCOPES = 16;
    private static final byte[] PING = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    private final McpHttp http;
    private final TokenCache cache;
    private final ClientAssertions assertions;

    OAuthClient(McpHttp http, TokenCache cache) {
        this.http = http;
        this.cache = cache;
        this.assertions = new ClientAssertions(cache::now);
    }

    TokenCache cache() {
        return cache;
    }

    /** A token, or the outcome that says which link of the chain broke. */
    sealed interface Grant {
        record Granted(TokenCache.Token token) implements Grant {
        }

        record Failed(ProbeOutcome outcome) implements Grant {
        }
    }

    /** Where the token comes from: the authorization server's issuer and token endpoint, and the scopes it offers. */
    private record Discovered(URI issuer, URI tokenEndpoint, Optional<String> challengeScope, List<String> scopesSupported) {
    }

    /**
     * Runs the whole flow for a new token. {@code scope} overrides every other source (a step-up's union of scopes).
     * Fails only with a {@link java.util.concurrent.TimeoutException} from the caller's deadline, or an {@link Error}.
     */
    Mono<Grant> fetch(ProbeRun run, AuthRef.OAuthClientCredentials oauth, SecretValue secret, Optional<String> scope,
                      Classifier classifier) {
        URI resource = canonical(run.endpoint().url());
        run.trace().begin(ProbeStep.AUTH_DISCOVERY);
        return discover(run, oauth, resource)
                .flatMap(discovered -> {
                    run.trace().begin(ProbeStep.TOKEN);
                    Optional<String> requested = scope.or(oauth::scope).or(discovered::challengeScope)
                            .or(() -> discovered.scopesSupported().isEmpty() ? Optional.empty()
                                    : Optional.of(String.join(" ", discovered.scopesSupported())));
                    return requestToken(oauth, secret, discovered, resource, requested, classifier);
                })
                .onErrorResume(ProbeFailure.class, failure -> Mono.just(new Grant.Failed(failure.outcome())));
    }

    /** RFC 8707 / MCP spec: scheme and host in lower case, no default port, no query or fragment, the path kept. */
    static URI canonical(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return URI.create(scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path);
    }

    // ---- discovery ----

    private Mono<Discovered> discover(ProbeRun run, AuthRef.OAuthClientCredentials oauth, URI resource) {
        return challenge(run).flatMap(challenge -> {
            List<URI> prmUrls = challenge.resourceMetadata().map(List::of).orElseGet(() -> wellKnownPrm(resource));
            return firstDocument(prmUrls, PRM, run)
                    .flatMap(prm -> {
                        checkResource(prm, resource);
                        URI issuer = oauth.authorizationServer().orElseGet(() -> firstAuthorizationServer(prm));
                        List<String> scopes = scopes(prm.get("scopes_supported"));
                        return authorizationServer(issuer, run)
                                .map(token -> new Discovered(issuer, token, challenge.scope(), scopes));
                    });
        });
    }

    /**
     * The sign-in chain of a server mcpulse holds no credential for ({@code oauth-discovery}): what an agent needs
     * before any user can connect. An unauthenticated request gets a 401 Bearer challenge; the protected resource
     * metadata is reachable and names this server; and at least one of its authorization servers publishes metadata
     * with an {@code authorization_endpoint}, a {@code token_endpoint}, {@code S256} among
     * {@code code_challenge_methods_supported}, and a way for a client to register ({@code registration_endpoint} or
     * {@code client_id_metadata_document_supported}). Ok when the whole chain holds; else the first broken link.
     */
    Mono<ProbeOutcome> checkSignInChain(ProbeRun run) {
        URI resource = canonical(run.endpoint().url());
        run.trace().begin(ProbeStep.AUTH_DISCOVERY);
        return http.fetch(ping(run), detail -> discoveryFailed(CHALLENGE, Optional.empty(), detail))
                .onErrorMap(OAuthClient::isTransport, failure -> new ProbeFailure(transportFailure(run, failure, CHALLENGE)))
                .flatMap(reply -> {
                    run.trace().sawStatus(reply.status());
                    Challenge challenge = Challenge.parse(reply.wwwAuthenticate());
                    if (reply.status() != 401 || !challenge.scheme().filter("Bearer"::equalsIgnoreCase).isPresent()) {
                        return Mono.error(new ProbeFailure(discoveryFailed(CHALLENGE, Optional.of(reply.status()),
                                "an unauthenticated request got no 401 with a Bearer challenge")));
                    }
                    List<URI> prmUrls = Challenge.resourceMetadata(reply.wwwAuthenticate()).map(List::of)
                            .orElseGet(() -> wellKnownPrm(resource));
                    return firstDocument(prmUrls, PRM, run);
                })
                .flatMap(prm -> {
                    checkResource(prm, resource);
                    JsonNode servers = prm.get("authorization_servers");
                    List<URI> issuers = new ArrayList<>();
                    if (servers != null && servers.isArray()) {
                        for (JsonNode server : servers) {
                            if (server.isTextual() && issuers.size() < 4) {
                                httpUrl(server.asText()).ifPresent(issuers::add);
                            }
                        }
                    }
                    if (issuers.isEmpty()) {
                        return Mono.error(new ProbeFailure(discoveryFailed(PRM, Optional.empty(),
                                "it names no http(s) authorization_servers")));
                    }
                    return firstFitForSignIn(issuers, run);
                })
                .<ProbeOutcome>thenReturn(new ProbeOutcome.Ok())
                .onErrorResume(ProbeFailure.class, failure -> Mono.just(failure.outcome()));
    }

    /** The first authorization server fit for a public client's sign-in; else the first one's failure. */
    private Mono<Void> firstFitForSignIn(List<URI> issuers, ProbeRun run) {
        Mono<Void> chain = Mono.empty();
        ProbeFailure[] first = {null};
        Mono<Boolean> found = Mono.just(false);
        for (URI issuer : issuers) {
            found = found.flatMap(done -> done ? Mono.just(true) : fitForSignIn(issuer, run).thenReturn(true)
                    .onErrorResume(ProbeFailure.class, failure -> {
                        if (first[0] == null) {
                            first[0] = failure;
                        }
                        return Mono.just(false);
                    }));
        }
        return found.flatMap(ok -> ok ? chain : Mono.error(first[0]));
    }

    private Mono<Void> fitForSignIn(URI issuer, ProbeRun run) {
        return firstDocument(authorizationServerMetadata(issuer), AS_METADATA, run).flatMap(metadata -> {
            Optional<String> named = Json.text(metadata, "issuer");
            List<String> missing = new ArrayList<>();
            if (named.isEmpty() || !sameUri(named.get(), issuer)) {
                missing.add("an issuer matching the authorization server");
            }
            if (Json.text(metadata, "authorization_endpoint").flatMap(OAuthClient::httpUrl).isEmpty()) {
                missing.add("authorization_endpoint");
            }
            if (Json.text(metadata, "token_endpoint").flatMap(OAuthClient::httpUrl).isEmpty()) {
                missing.add("token_endpoint");
            }
            JsonNode methods = metadata.get("code_challenge_methods_supported");
            boolean s256 = false;
            if (methods != null && methods.isArray()) {
                for (JsonNode method : methods) {
                    s256 |= method.isTextual() && method.asText().equals("S256");
                }
            }
            if (!s256) {
                missing.add("S256 in code_challenge_methods_supported");
            }
            JsonNode metadataDocuments = metadata.get("client_id_metadata_document_supported");
            boolean registration = Json.text(metadata, "registration_endpoint").flatMap(OAuthClient::httpUrl).isPresent()
                    || (metadataDocuments != null && metadataDocuments.isBoolean() && metadataDocuments.asBoolean());
            if (!registration) {
                missing.add("a way to register (registration_endpoint or client_id_metadata_document_supported)");
            }
            return missing.isEmpty() ? Mono.<Void>empty() : Mono.error(new ProbeFailure(discoveryFailed(AS_METADATA,
                    Optional.empty(), "it lacks " + String.join(", ", missing))));
        });
    }

    private static boolean isTransport(Throwable failure) {
        return !(failure instanceof ProbeFailure || failure instanceof Error
                || failure instanceof java.util.concurrent.TimeoutException);
    }

    private static HttpCall ping(ProbeRun run) {
        return HttpCall.post(run.endpoint().url(), McpHttp.APPLICATION_JSON, Map.of("Accept", McpHttp.ACCEPT_BOTH), PING);
    }

    /** What an unauthenticated request's 401 says: where the metadata is, and the scope the server wants. */
    private record ChallengeHints(Optional<URI> resourceMetadata, Optional<String> scope) {
    }

    private Mono<ChallengeHints> challenge(ProbeRun run) {
        return http.fetch(ping(run), detail -> discoveryFailed(CHALLENGE, Optional.empty(), detail))
                .map(reply -> reply.status() == 401
                        ? new ChallengeHints(Challenge.resourceMetadata(reply.wwwAuthenticate()),
                                Challenge.parse(reply.wwwAuthenticate()).scope())
                        // No challenge to read: the well-known locations are the way in.
                        : new ChallengeHints(Optional.empty(), Optional.empty()))
                .onErrorMap(failure -> !(failure instanceof ProbeFailure || failure instanceof Error
                                || failure instanceof java.util.concurrent.TimeoutException),
                        failure -> new ProbeFailure(transportFailure(run, failure, CHALLENGE)));
    }

    /** RFC 9728 section 3.1 and the MCP spec: the path-based location first, then the root. */
    static List<URI> wellKnownPrm(URI resource) {
        String origin = origin(resource);
        String path = resource.getRawPath() == null ? "" : resource.getRawPath();
        List<URI> urls = new ArrayList<>();
        if (!path.isEmpty() && !path.equals("/")) {
            urls.add(URI.create(origin + WELL_KNOWN_PRM + path));
        }
        urls.add(URI.create(origin + WELL_KNOWN_PRM));
        return urls;
    }

    /** RFC 8414 section 3.1 path insertion, then OpenID Connect discovery (path insertion, then appended). */
    static List<URI> authorizationServerMetadata(URI issuer) {
        String origin = origin(issuer);
        String path = issuer.getRawPath() == null || issuer.getRawPath().equals("/") ? "" : issuer.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return List.of(URI.create(origin + "/.well-known/oauth-authorization-server"),
                    URI.create(origin + "/.well-known/openid-configuration"));
        }
        return List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
                URI.create(origin + "/.well-known/openid-configuration" + path),
                URI.create(origin + path + "/.well-known/openid-configuration"));
    }

    private Mono<URI> authorizationServer(URI issuer, ProbeRun run) {
        return firstDocument(authorizationServerMetadata(issuer), AS_METADATA, run).map(metadata -> {
            Optional<String> named = Json.text(metadata, "issuer");
            if (named.isEmpty() || !sameUri(named.get(), issuer)) {
                throw new ProbeFailure(discoveryFailed(AS_METADATA, Optional.empty(),
                        "its issuer does not match the authorization server asked for (RFC 8414 section 3.3)"));
            }
            return Json.text(metadata, "token_endpoint").flatMap(OAuthClient::httpUrl).orElseThrow(() ->
                    new ProbeFailure(discoveryFailed(AS_METADATA, Optional.empty(), "it names no usable token_endpoint")));
        });
    }

    /**
     * The first of {@code urls} that answers with a JSON object. A 4xx moves on to the next location; the last
     * failure is the outcome. Transport failures (refused address, connection) end the search at once.
     */
    private Mono<JsonNode> firstDocument(List<URI> urls, String link, ProbeRun run) {
        Mono<JsonNode> chain = Mono.error(new ProbeFailure(discoveryFailed(link, Optional.empty(), "no location to try")));
        for (int i = urls.size() - 1; i >= 0; i--) {
            URI url = urls.get(i);
            Mono<JsonNode> next = chain;
            boolean last = i == urls.size() - 1;
            chain = document(url, link, run).onErrorResume(failure -> !last && failure instanceof ProbeFailure probe
                    && probe.outcome().httpStatus().filter(s -> s >= 400 && s < 500).isPresent(), failure -> next);
        }
        return chain;
    }

    private Mono<JsonNode> document(URI url, String link, ProbeRun run) {
        if (!url.getScheme().equals("https") && !url.getScheme().equals("http")) {
            return Mono.error(new ProbeFailure(discoveryFailed(link, Optional.empty(), "a location that is not http(s)")));
        }
        HttpCall request = HttpCall.get(url, Map.of("Accept", McpHttp.APPLICATION_JSON));
        return http.fetch(request, detail -> discoveryFailed(link, Optional.empty(), detail))
                .map(reply -> {
                    if (!reply.isSuccess()) {
                        throw new ProbeFailure(discoveryFailed(link, Optional.of(reply.status()),
                                reply.status() / 100 == 3 ? "a redirect (not followed)" : "the document is missing"));
                    }
                    return Json.parse(reply.body()).filter(JsonNode::isObject).orElseThrow(() -> new ProbeFailure(
                            discoveryFailed(link, Optional.of(reply.status()), "the document is not a JSON object")));
                })
                .onErrorMap(failure -> !(failure instanceof ProbeFailure || failure instanceof Error
                                || failure instanceof java.util.concurrent.TimeoutException),
                        failure -> new ProbeFailure(transportFailure(run, failure, link)));
    }

    /** RFC 9728 section 3.3: metadata for another resource is refused, whatever else it says. */
    private static void checkResource(JsonNode prm, URI resource) {
        Optional<URI> named = Json.text(prm, "resource").flatMap(OAuthClient::httpUrl).map(OAuthClient::canonical);
        if (named.isEmpty()) {
            throw new ProbeFailure(discoveryFailed(PRM, Optional.empty(), "it names no resource"));
        }
        if (!covers(named.get(), resource)) {
            throw new ProbeFailure(discoveryFailed(PRM, Optional.empty(),
                    "its resource does not match this server (resource mismatch, refused)"));
        }
    }

    /**
     * The metadata's resource is this server, or the origin or a path prefix of it on a segment boundary (servers
     * commonly publish their origin); anything else, another host or port especially, is another resource.
     */
    static boolean covers(URI named, URI resource) {
        if (!origin(named).equals(origin(resource))) {
            return false;
        }
        String prefix = named.getRawPath() == null ? "" : named.getRawPath();
        String path = resource.getRawPath() == null ? "" : resource.getRawPath();
        if (prefix.isEmpty() || prefix.equals("/") || prefix.equals(path)) {
            return true;
        }
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        return path.startsWith(base);
    }

    private static URI firstAuthorizationServer(JsonNode prm) {
        JsonNode servers = prm.get("authorization_servers");
        if (servers == null || !servers.isArray() || servers.isEmpty()) {
            throw new ProbeFailure(discoveryFailed(PRM, Optional.empty(), "it names no authorization_servers"));
        }
        return Optional.ofNullable(servers.get(0)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .flatMap(OAuthClient::httpUrl)
                .orElseThrow(() -> new ProbeFailure(discoveryFailed(PRM, Optional.empty(),
                        "its first authorization server is not an http(s) URL")));
    }

    private static List<String> scopes(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> scopes = new ArrayList<>();
        for (JsonNode scope : node) {
            if (scope.isTextual() && SCOPE_TOKEN.matcher(scope.asText()).matches() && scopes.size() < MAX_SCOPES) {
                scopes.add(scope.asText());
            }
        }
        return scopes;
    }

    // ---- the token request ----

    private Mono<Grant> requestToken(AuthRef.OAuthClientCredentials oauth, SecretValue secret, Discovered as, URI resource,
                                     Optional<String> scope, Classifier classifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("resource", resource.toString());
        scope.ifPresent(s -> form.put("scope", s));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", McpHttp.APPLICATION_JSON);
        switch (oauth.tokenEndpointAuth()) {
            case CLIENT_SECRET_BASIC -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (formEncode(oauth.clientId()) + ":" + formEncode(secret.reveal())).getBytes(StandardCharsets.UTF_8)));
            case CLIENT_SECRET_POST -> {
                form.put("client_id", oauth.clientId());
                form.put("client_secret", secret.reveal());
            }
            case PRIVATE_KEY_JWT -> {
                Optional<String> assertion = assertions.sign(oauth.clientId(), as.issuer(), secret, oauth.signingAlg());
                if (assertion.isEmpty()) {
                    return Mono.just(new Grant.Failed(new ProbeOutcome.AuthMissing(
                            "the secret " + oauth.secretRef() + " holds no usable PEM private key for private_key_jwt"
                                    + oauth.signingAlg().map(alg -> " signed with " + alg).orElse(""))));
                }
                form.put("client_id", oauth.clientId());
                form.put("client_assertion_type", ClientAssertions.TYPE);
                form.put("client_assertion", assertion.get());
            }
        }
        byte[] body = form.entrySet().stream()
                .map(e -> formEncode(e.getKey()) + "=" + formEncode(e.getValue()))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        HttpCall request = HttpCall.post(as.tokenEndpoint(), "application/x-www-form-urlencoded", headers, body);
        return http.fetch(request, detail -> new ProbeOutcome.AuthServerUnreachable(Optional.empty(), detail))
                .map(reply -> tokenReply(reply, scope, classifier))
                .onErrorMap(failure -> !(failure instanceof ProbeFailure || failure instanceof Error
                                || failure instanceof java.util.concurrent.TimeoutException),
                        failure -> new ProbeFailure(new ProbeOutcome.AuthServerUnreachable(Optional.empty(),
                                classifier.transport(failure, ProbeStep.TOKEN, Duration.ZERO).describe())));
    }

    private Grant tokenReply(McpHttp.HttpReply reply, Optional<String> scope, Classifier classifier) {
        Optional<JsonNode> body = Json.parse(reply.body()).filter(JsonNode::isObject);
        if (reply.status() == 200 && body.isPresent()) {
            Optional<String> token = Json.text(body.get(), "access_token").filter(t -> !t.isEmpty() && t.length() <= 16_384);
            Optional<String> type = Json.text(body.get(), "token_type");
            if (token.isPresent() && type.filter(t -> t.equalsIgnoreCase("bearer")).isPresent()) {
                JsonNode expiresIn = body.get().get("expires_in");
                Optional<Duration> life = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                        ? Optional.of(Duration.ofSeconds(Math.min(expiresIn.asLong(), Duration.ofDays(366).toSeconds())))
                        : Optional.empty();
                return new Grant.Granted(cache.issued(token.get(), scope, life));
            }
            return new Grant.Failed(new ProbeOutcome.AuthServerUnreachable(Optional.of(reply.status()),
                    token.isEmpty() ? "the token response holds no access_token" : "the token is not a Bearer token"));
        }
        Optional<String> error = body.flatMap(b -> Json.text(b, "error")).filter(e -> ERROR_CODE.matcher(e).matches());
        if (reply.status() >= 400 && reply.status() < 500 && error.isPresent()) {
            String description = body.flatMap(b -> Json.text(b, "error_description")).map(classifier::redact).orElse("");
            return new Grant.Failed(new ProbeOutcome.AuthServerRefused(reply.status(), classifier.redact(error.get()), description));
        }
        return new Grant.Failed(new ProbeOutcome.AuthServerUnreachable(Optional.of(reply.status()),
                reply.isSuccess() ? "the token response is not a JSON object" : "no token and no OAuth error"));
    }

    /** RFC 6749 section 2.3.1: client id and secret are form-encoded before Basic encoding. */
    private static String formEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---- small helpers ----

    /** A step-up's scope: what was asked for before plus what the server now demands, each once, in order. */
    static String union(Optional<String> before, String demanded) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        before.ifPresent(s -> all.addAll(List.of(s.split(" "))));
        all.addAll(List.of(demanded.split(" ")));
        return String.join(" ", all);
    }

    private static ProbeOutcome transportFailure(ProbeRun run, Throwable failure, String link) {
        ProbeOutcome transport = run.classifier().transport(failure, ProbeStep.AUTH_DISCOVERY, Duration.ZERO);
        String detail = transport instanceof ProbeOutcome.Unreachable unreachable ? unreachable.cause() : transport.describe();
        return discoveryFailed(link, transport.httpStatus(), detail);
    }

    private static ProbeOutcome discoveryFailed(String link, Optional<Integer> status, String detail) {
        return new ProbeOutcome.AuthDiscoveryFailed(link, status, detail);
    }

    private static String origin(URI url) {
        return canonical(URI.create(url.getScheme() + "://" + url.getRawAuthority())).toString();
    }

    private static boolean sameUri(String named, URI expected) {
        return httpUrl(named).map(OAuthClient::canonical).map(OAuthClient::stripSlash)
                .equals(Optional.of(stripSlash(canonical(expected))));
    }

    private static String stripSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null && uri.getRawUserInfo() == null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
