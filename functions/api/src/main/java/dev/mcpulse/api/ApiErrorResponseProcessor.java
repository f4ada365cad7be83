package dev.mcpulse.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders the errors the framework raises itself (no route, wrong method, unreadable or oversized body, wrong
 * content type, unconvertible parameter, unexpected fault) in the API's error shape. Messages are fixed per status
 * and built only from structured facts (a parameter's name, the allowed methods or types): an exception's own text
 * can quote the input or internals, so it never reaches the client.
 */
@Singleton
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        Optional<Throwable> cause = context.getRootCause();
        Optional<String> field = context.getErrors().stream()
                .flatMap(e -> e.getPath().stream())
                .map(path -> path.startsWith("/") ? path.substring(1) : path)
                .filter(path -> path.matches("[A-Za-z0-9_.\\[\\]-]{1,64}"))
                .findFirst()
                .or(() -> cause.filter(UnsupportedMediaException.class::isInstance).map(c -> "Content-Type"));
        String message = message(status, field, cause);
        ApiError body = new ApiError(code(status), message, field.orElse(null),
                field.map(f -> List.of(ApiError.Problem.of(f, message))).orElse(List.of()));
        return response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static String code(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case NOT_ACCEPTABLE -> "not_acceptable";
            case REQUEST_ENTITY_TOO_LARGE -> "body_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            default -> status.getCode() >= 500 ? "internal_error" : "request_refused";
        };
    }

    private static String message(HttpStatus status, Optional<String> field, Optional<Throwable> cause) {
        return switch (status) {
            case BAD_REQUEST -> field.map(f -> f.equals("body")
                            ? "the request body is missing or could not be read"
                            : "parameter \"" + f + "\" is missing or has the wrong type")
                    .orElse("the request could not be read: check the JSON syntax and the parameter types");
            case UNAUTHORIZED -> "this route needs the admin credential";
            case FORBIDDEN -> "this route is not allowed for this caller";
            case NOT_FOUND -> "no such route: /api/openapi.yml lists the routes this API serves";
            case METHOD_NOT_ALLOWED -> cause.filter(NotAllowedException.class::isInstance)
                    .map(c -> "this route accepts only " + String.join(", ",
                            new TreeSet<>(((NotAllowedException) c).getAllowedMethods())))
                    .orElse("this route does not accept that HTTP method");
            case NOT_ACCEPTABLE -> "this route cannot answer in the media type the Accept header asks for";
            case REQUEST_ENTITY_TOO_LARGE -> "the request body is too large";
            case UNSUPPORTED_MEDIA_TYPE -> cause.filter(UnsupportedMediaException.class::isInstance)
                    .map(UnsupportedMediaException.class::cast)
                    .map(c -> "the request has " + (c.getContentType() == null || c.getContentType().isBlank()
                            ? "no Content-Type" : "Content-Type " + Shown.text(c.getContentType()))
                            + ": this route accepts a body of type " + String.join(", ",
                            new TreeSet<>(c.getAcceptableContentTypes())))
                    .orElse("this route does not accept that Content-Type");
            default -> status.getCode() >= 500
                    ? "the request failed on the server; it is logged with its request id"
                    : "the request was refused (HTTP " + status.getCode() + ")";
        };
    }
}
