package dev.mcpulse.api;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * A request the API refuses, with the status and the error body to send. Thrown by the routes and their helpers,
 * turned into a response by {@link ApiDispatcher}; it carries no stack trace because it is not a fault.
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

    /**
     * A 400 listing the problems found, at most {@link #MAX_LISTED} of them: a 2 MiB fleet file of empty entries has
     * hundreds of thousands, and listing them all would make an answer larger than Lambda may return.
     */
    public static ApiException invalid(String error, String message, List<ApiError.Problem> problems) {
        String field = problems.isEmpty() ? null : problems.getFirst().field();
        List<ApiError.Problem> listed = problems.size() > MAX_LISTED ? problems.subList(0, MAX_LISTED) : problems;
        String text = listed.size() < problems.size()
                ? message + " (the first " + MAX_LISTED + " are listed)" : message;
        return new ApiException(HttpStatus.BAD_REQUEST, new ApiError(error, text, field, listed));
    }

    static final int MAX_LISTED = 100;

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
