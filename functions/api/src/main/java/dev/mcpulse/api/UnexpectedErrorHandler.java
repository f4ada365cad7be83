package dev.mcpulse.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault no other handler knows (the store is down, a bug): logged once at ERROR with the request id and the cause,
 * answered with the API's JSON error and that id, never with the fault's own text. Framework and API errors keep
 * their more specific handlers.
 */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
final class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<ApiError>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, Exception exception) {
        String requestId = request.getAttribute(RequestLogFilter.REQUEST_ID, String.class).orElse("unknown");
        LOG.atError()
                .addKeyValue(RequestLogFilter.REQUEST_ID, requestId)
                .setCause(exception)
                .log("request failed: {}", exception.getClass().getSimpleName());
        return HttpResponse.<ApiError>serverError().body(ApiError.of("internal_error",
                "the request failed on the server; it is logged with request id " + requestId));
    }
}
