package dev.mcpulse.api;

import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** The checks every body goes through before it is parsed: present, within its size limit, of an accepted type. */
final class RequestBodies {

    /** One endpoint entry is a few hundred bytes; this leaves room for long readiness arguments. */
    static final int MAX_ENTRY_BYTES = 64 * 1024;

    static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

    private RequestBodies() {
    }

    /** The request's body, if it has one that is not blank and within {@code maxBytes}; otherwise a 400 or 413. */
    static String require(ApiRequest request, int maxBytes, String expected) {
        String body = request.body().orElse("");
        if (body.isBlank()) {
            throw ApiException.badRequest("missing_body", "body", "the request has no body: expected " + expected);
        }
        if (body.length() > maxBytes || body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ApiError.of("body_too_large", "body",
                    "the body is larger than " + maxBytes + " bytes"));
        }
        return body;
    }

    /** True for JSON, false for YAML; anything else is refused with 415. */
    static boolean isJsonElseYaml(ApiRequest request) {
        Optional<String> type = request.contentType();
        if (type.isPresent() && isJson(type.get())) {
            return true;
        }
        if (type.isPresent() && YAML_TYPES.contains(type.get())) {
            return false;
        }
        throw unsupported(type, "application/json or application/yaml");
    }

    static void requireJson(ApiRequest request) {
        Optional<String> type = request.contentType();
        if (type.isEmpty() || !isJson(type.get())) {
            throw unsupported(type, "application/json");
        }
    }

    /** {@code application/json}, or a JSON-based type such as {@code application/merge-patch+json}. */
    private static boolean isJson(String type) {
        return type.equals(Reply.JSON) || (type.endsWith("+json") && type.indexOf('/') > 0);
    }

    private static ApiException unsupported(Optional<String> type, String expected) {
        String found = type.map(t -> "Content-Type " + Shown.text(t)).orElse("no Content-Type");
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ApiError.of("unsupported_media_type", "Content-Type", "the request has " + found + ": expected " + expected));
    }
}
