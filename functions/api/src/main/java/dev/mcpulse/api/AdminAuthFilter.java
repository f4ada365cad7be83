package dev.mcpulse.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lets a request reach an {@link AdminOnly} route only with an admin credential; read routes stay open. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AdminAuthFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);

    private final AdminCredentials credentials;

    AdminAuthFilter(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> requireAdmin(HttpRequest<?> request) {
        boolean adminRoute = RouteAttributes.getRouteInfo(request)
                .map(route -> route.getAnnotationMetadata().hasAnnotation(AdminOnly.class))
                .orElse(false);
        if (!adminRoute) {
            return null;
        }
        return switch (credentials.check(request)) {
            case AdminCredentials.Verdict.Allowed allowed -> {
                LOG.atInfo().addKeyValue("caller", allowed.caller()).addKeyValue("method", request.getMethodName())
                        .addKeyValue("path", request.getPath()).log("admin request allowed");
                yield null;
            }
            case AdminCredentials.Verdict.NoCredential none -> refuse(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "this route needs the admin token: send Authorization: Bearer <token>");
            case AdminCredentials.Verdict.WrongCredential wrong -> refuse(HttpStatus.UNAUTHORIZED, "invalid_token",
                    "the admin token is not valid");
            case AdminCredentials.Verdict.NotConfigured off -> refuse(HttpStatus.FORBIDDEN, "forbidden",
                    "admin routes need IAM authorization through API Gateway, or " + AdminCredentials.TOKEN_PROPERTY
                            + " set for local use");
        };
    }

    private static HttpResponse<ApiError> refuse(HttpStatus status, String error, String message) {
        LOG.atWarn().addKeyValue("status", status.getCode()).addKeyValue("error", error)
                .log("admin request refused");
        var response = HttpResponse.<ApiError>status(status).body(ApiError.of(error, message));
        return status == HttpStatus.UNAUTHORIZED
                ? response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mcpulse admin\"") : response;
    }

    @Override
    public int getOrder() {
        return RequestLogFilter.ORDER + 1;
    }
}
