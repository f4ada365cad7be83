package dev.mcpulse.local;

import dev.mcpulse.api.ApiDispatcher;
import dev.mcpulse.api.ApiError;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Renders, in the API's error shape, the few errors the local runner's HTTP server raises itself before a request
 * reaches the api function's dispatcher ({@link LocalApiRoutes}): a body over the server's size limit, a request it
 * cannot read, a method HTTP does not define, a fault of the server. Messages are fixed per status: an exception's own
 * text can quote the input or internals, so it never reaches the client.
 */
@Singleton
final class ServerErrorResponses implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            // The server's Allow header would list the catch-all's methods, which every path "allows"
            response.getHeaders().remove(HttpHeaders.ALLOW);
        }
        ApiError body = switch (status) {
            case REQUEST_ENTITY_TOO_LARGE -> ApiError.of("body_too_large", "body", "the request body is too large");
            case BAD_REQUEST -> ApiError.of("bad_request", "the request could not be read");
            case NOT_FOUND -> ApiDispatcher.noSuchRoute();
            // LocalApiRoutes takes every method HTTP defines, so the server itself refuses only others
            case METHOD_NOT_ALLOWED -> ApiError.of("method_not_allowed",
                    "this API serves only the methods /api/openapi.yml names");
            default -> status.getCode() >= 500
                    ? ApiError.of("internal_error", "the request failed on the server")
                    : ApiError.of("request_refused", "the request was refused (HTTP " + status.getCode() + ")");
        };
        return response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
