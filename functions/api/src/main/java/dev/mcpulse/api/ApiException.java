package dev.mcpulse.api;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request the API refuses, with the status and the error body to send. Thrown by controllers and their helpers,
 * turned into a response by {@link ApiExceptionHandler}; it carries no stack trace because it is not a fault.
 */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ApiError body;

    public ApiException(HttpStatus status, ApiError body) {
        super(body.error(), null, false, false);
        this.status = status;
        this.body = body;
    }

    public static ApiException badRequest(String error, String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiError.of(error, field, message));
    }

    public static ApiException invalid(String error, String message, List<ApiError.Problem> problems) {
        String field = problems.isEmpty() ? null : problems.getFirst().field();
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError(error, message, field, problems));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND,
                ApiError.of("not_found", "id", "no " + what + " with id \"" + id + "\""));
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return body;
    }
}
