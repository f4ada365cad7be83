package dev.mcpulse.api;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use which route.
 *
 * <p>Without an OIDC issuer (the local runner): read routes are open, {@link AdminOnly} routes need the admin token
 * (or an IAM caller put in the request context by API Gateway), as {@link AdminCredentials} checks.
 *
 * <p>With an issuer ({@value AuthSettings#ISSUER_PROPERTY}): every route but the {@link SignInShell} needs a valid
 * bearer JWT from it, read routes only unless {@value AuthSettings#PUBLIC_READ_PROPERTY} opens them on purpose, and
 * admin routes need the admin scope — and, when {@value AuthSettings#ADMIN_GROUP_PROPERTY} is set, a person (not a
 * client acting for itself) must also be in that group. Both, because with Cognito a user's scopes come from the app
 * client, not from the user: the scope lets API Gateway's route check pass, the group tells one person from another.
 *
 * <p>On AWS, API Gateway's JWT authorizer has already checked the same token, and puts the claims it found in
 * {@code requestContext.authorizer.jwt.claims}. This filter does not read them: anyone allowed to call
 * lambda:InvokeFunction on this function can write any claims into an event, while only the issuer can sign a token.
 * Verifying the token again costs one signature check against cached keys, and keeps a route that was deployed
 * without the authorizer (or a direct invocation) from being open. The token's text never reaches a log or an answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AuthFilter implements Ordered {

    static final String REALM = "Bearer realm=\"mcpulse\"";
    private static final String BEARER = "Bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    private enum Access { SHELL, READ, ADMIN }

    private final AdminCredentials credentials;
    private final AuthSettings settings;
    private final OidcTokenVerifier verifier;

    AuthFilter(AdminCredentials credentials, AuthSettings settings, OidcTokenVerifier verifier) {
        this.credentials = credentials;
        this.settings = settings;
        this.verifier = verifier;
    }

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> authorize(HttpRequest<?> request) {
        Access access = access(request);
        if (access == Access.SHELL) {
            return null;
        }
        if (!verifier.enabled()) {
            return access == Access.ADMIN ? localAdmin(request) : null;
        }
        if (access == Access.READ && settings.publicRead()) {
            return null;
        }
        Optional<String> token = bearer(request);
        if (token.isEmpty()) {
            return refuse(HttpStatus.UNAUTHORIZED, REALM, "unauthorized",
                    "this route needs a bearer token from the configured identity provider: send Authorization: Bearer <token>");
        }
        if (credentials.isAdminToken(token.get())) {
            return allowed(request, access, "admin token");
        }
        return switch (verifier.verify(token.get())) {
            case OidcTokenVerifier.Result.Unavailable unavailable -> refuse(HttpStatus.SERVICE_UNAVAILABLE, null,
                    "auth_unavailable", "the identity provider's signing keys could not be fetched; try again shortly");
            case OidcTokenVerifier.Result.Invalid invalid -> refuse(HttpStatus.UNAUTHORIZED,
                    REALM + ", error=\"invalid_token\"", "invalid_token", invalid.reason());
            case OidcTokenVerifier.Result.Valid valid -> access == Access.ADMIN && !isAdmin(valid.caller())
                    ? refuse(HttpStatus.FORBIDDEN, REALM + ", error=\"insufficient_scope\", scope=\""
                            + settings.adminScope() + "\"", "insufficient_scope", adminRule())
                    : allowed(request, access, valid.caller().describe());
        };
    }

    private boolean isAdmin(OidcTokenVerifier.Caller caller) {
        if (!caller.scopes().contains(settings.adminScope())) {
            return false;
        }
        return caller.machine() || settings.adminGroup().map(group -> caller.groups().contains(group)).orElse(true);
    }

    private String adminRule() {
        return "this route needs the " + settings.adminScope() + " scope"
                + settings.adminGroup().map(g -> ", and a person must be in the " + g + " group").orElse("");
    }

    private HttpResponse<ApiError> localAdmin(HttpRequest<?> request) {
        return switch (credentials.check(request)) {
            case AdminCredentials.Verdict.Allowed allowed -> allowed(request, Access.ADMIN, allowed.caller());
            case AdminCredentials.Verdict.NoCredential none -> refuse(HttpStatus.UNAUTHORIZED,
                    "Bearer realm=\"mcpulse admin\"", "unauthorized",
                    "this route needs the admin token: send Authorization: Bearer <token>");
            case AdminCredentials.Verdict.WrongCredential wrong -> refuse(HttpStatus.UNAUTHORIZED,
                    "Bearer realm=\"mcpulse admin\", error=\"invalid_token\"", "invalid_token",
                    "the admin token is not valid");
            case AdminCredentials.Verdict.NotConfigured off -> refuse(HttpStatus.FORBIDDEN, null, "forbidden",
                    "admin routes need " + AuthSettings.ISSUER_PROPERTY + " (sign-in through an OpenID Connect "
                            + "issuer), or " + AdminCredentials.TOKEN_PROPERTY + " set for local use");
        };
    }

    private static Access access(HttpRequest<?> request) {
        AnnotationMetadata route = RouteAttributes.getRouteInfo(request)
                .map(info -> info.getAnnotationMetadata()).orElse(AnnotationMetadata.EMPTY_METADATA);
        if (route.hasAnnotation(AdminOnly.class)) {
            return Access.ADMIN;
        }
        return route.hasAnnotation(SignInShell.class) ? Access.SHELL : Access.READ;
    }

    private static Optional<String> bearer(HttpRequest<?> request) {
        return request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(a -> a.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(a -> a.substring(BEARER.length()).strip())
                .filter(t -> !t.isEmpty());
    }

    @Nullable
    private static HttpResponse<ApiError> allowed(HttpRequest<?> request, Access access, String caller) {
        if (access == Access.ADMIN) {
            LOG.atInfo().addKeyValue("caller", caller).addKeyValue("method", request.getMethodName())
                    .addKeyValue("path", request.getPath()).log("admin request allowed");
        }
        return null;
    }

    private static HttpResponse<ApiError> refuse(HttpStatus status, @Nullable String challenge, String error,
                                                 String message) {
        LOG.atWarn().addKeyValue("status", status.getCode()).addKeyValue("error", error).log("request refused");
        var response = HttpResponse.<ApiError>status(status).body(ApiError.of(error, message));
        return challenge == null ? response : response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    @Override
    public int getOrder() {
        return RequestLogFilter.ORDER + 1;
    }
}
