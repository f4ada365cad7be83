package dev.mcpulse.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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

    static String require(String body, int maxBytes, String expected) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("missing_body", "body", "the request has no body: expected " + expected);
        }
        if (body.length() > maxBytes || body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ApiError.of("body_too_large", "body",
                    "the body is larger than " + maxBytes + " bytes"));
        }
        return body;
    }

    /** True for JSON, false for YAML; anything else is refused with 415. */
    static boolean isJsonElseYaml(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        if (type.isPresent() && isJson(type.get())) {
            return true;
        }
        if (type.isPresent() && YAML_TYPES.contains(type.get().getName())) {
            return false;
        }
        throw unsupported(type, "application/json or application/yaml");
    }

    static void requireJson(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        if (type.isEmpty() || !isJson(type.get())) {
            throw unsupported(type, "application/json");
        }
    }

    private static boolean isJson(MediaType type) {
        return type.getName().equals(MediaType.APPLICATION_JSON) || type.getName().endsWith("+json");
    }

    private static ApiException unsupported(Optional<MediaType> type, String expected) {
        String found = type.map(t -> "Content-Type " + Shown.text(t.getName())).orElse("no Content-Type");
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ApiError.of("unsupported_media_type", "Content-Type", "the request has " + found + ": expected " + expected));
    }
}
