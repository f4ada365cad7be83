package dev.mcpulse.api;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use which route ({@link Access}): a request is refused here, before its route runs, or let through.
 *
 * <p>Without an OIDC issuer (the local runner): read routes are open, admin routes need the admin token
 * (or an IAM caller put in the request context by API Gateway), as {@link AdminCredentials} checks.
 *
 * <p>With an issuer ({@value AuthSettings#ISSUER_PROPERTY}): every route but the {@link Access#SHELL} ones needs a
 * valid bearer JWT from it (read routes only unless {@value AuthSettings#PUBLIC_READ_PROPERTY} opens them on
 * purpose), and admin routes need the admin scope — and, when {@value AuthSettings#ADMIN_GROUP_PROPERTY} is set, a person (not a
 * client acting for itself) must also be in that group. Both, because with Cognito a user's scopes come from the app
 * client, not from the user: the scope lets API Gateway's route check pass, the group tells one person from another.
 *
 * <p>On AWS, API Gateway's JWT authorizer has already checked the same token, and puts the claims it found in
 * {@code requestContext.authorizer.jwt.claims}. This check does not read them: anyone allowed to call
 * lambda:InvokeFunction on this function can write any claims into an event, while only the issuer can sign a token.
 * Verifying the token again costs one signature check against cached keys, and keeps a route that was deployed
 * without the authorizer (or a direct invocation) from being open. The token's text never reaches a log or an answer.
 */
@Singleton
final class Authorization {

    static final String REALM = "Bearer realm=\"mcpulse\"";
    private static final Logger LOG = LoggerFactory.getLogger(Authorization.class);

    private final AdminCredentials credentials;
    private final AuthSettings settings;
    private final OidcTokenVerifier verifier;

    Authorization(AdminCredentials credentials, AuthSettings settings, OidcTokenVerifier verifier) {
        this.credentials = credentials;
        this.settings = settings;
        this.verifier = verifier;
    }

    /** The refusal, or empty when the request may go on to its route. */
    Optional<Reply> refusal(ApiRequest request, Access access) {
        if (access == Access.SHELL) {
            return Optional.empty();
        }
        if (!verifier.enabled()) {
            return access == Access.ADMIN ? localAdmin(request) : Optional.empty();
        }
        if (access == Access.READ && settings.publicRead()) {
            return Optional.empty();
        }
        Optional<String> token = request.bearerToken().filter(t -> !t.isEmpty());
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

    private Optional<Reply> localAdmin(ApiRequest request) {
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

    private static Optional<Reply> allowed(ApiRequest request, Access access, String caller) {
        if (access == Access.ADMIN) {
            LOG.atInfo().addKeyValue("caller", caller).addKeyValue("method", request.method())
                    .addKeyValue("path", request.rawPath()).log("admin request allowed");
        }
        return Optional.empty();
    }

    /** {@code challenge}: the WWW-Authenticate header's value, or null for none. */
    private static Optional<Reply> refuse(HttpStatus status, String challenge, String error, String message) {
        LOG.atWarn().addKeyValue("status", status.getCode()).addKeyValue("error", error).log("request refused");
        Reply reply = Reply.json(status.getCode(), ApiError.of(error, message));
        return Optional.of(challenge == null ? reply : reply.withHeader("WWW-Authenticate", challenge));
    }
}
