package dev.mcpulse.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the API's routes read it, whoever carried it (an API Gateway event on Lambda, the local runner's
 * HTTP server). The path is kept as it arrives, so that {@link ApiRoutes} splits it into segments before it decodes
 * them: an encoded {@code /} inside an id stays part of that id, and is refused by name.
 *
 * @param method       the HTTP method, upper case
 * @param rawPath      the path as it arrives: percent-encoded as the client sent it, or decoded (API Gateway's HTTP
 *                     API passes it so)
 * @param rawQuery     the query string as sent, without {@code ?}; empty when there is none
 * @param headers      header values by lower-case name; repeated headers joined with commas, as API Gateway does
 * @param body         the body as text, if the request has one
 * @param iamCaller    the IAM principal that API Gateway's IAM authorizer verified, if the request came through it
 * @param gatewayId    API Gateway's request id, if the request came through it
 */
public record ApiRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, Optional<String> body,
                  Optional<String> iamCaller, Optional<String> gatewayId) {

    private static final String BEARER = "Bearer ";

    public ApiRequest {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name != null && value != null) { // a hand-made event may hold either; neither is a header
                lowerCase.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
            }
        });
        headers = Collections.unmodifiableMap(lowerCase);
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body.filter(text -> !text.isEmpty());
    }

    /**
     * A request as an HTTP server hands it over (the local runner's, a benchmark's): each header's values joined with
     * commas, as API Gateway joins them; an empty body is no body.
     */
    public static ApiRequest fromServer(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                                        String body) {
        Map<String, String> joined = new LinkedHashMap<>();
        headers.forEach((name, values) -> joined.put(name, String.join(",", values)));
        return new ApiRequest(method, rawPath, rawQuery, joined, Optional.ofNullable(body), Optional.empty(),
                Optional.empty());
    }

    /** The first header whose value holds a control character (HTTP allows none but tab), if any: its name. */
    Optional<String> headerWithControlCharacter() {
        return headers.entrySet().stream()
                .filter(h -> h.getValue().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header (the scheme in any case), stripped: possibly empty,
     * when the header names the scheme and nothing else.
     */
    Optional<String> bearerToken() {
        return header("authorization")
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).strip());
    }

    /**
     * The media type the Content-Type names, lower case and without parameters ({@code charset} and the like); empty
     * when the header is missing or names none.
     */
    Optional<String> contentType() {
        return header("content-type")
                .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .filter(type -> !type.isEmpty());
    }

    /** The first value of a query parameter. */
    Optional<String> query(String name) {
        List<String> values = queryAll(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every value of a query parameter, in order, as form encoding decodes them ({@code +} is a space). */
    List<String> queryAll(String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (key.equals(name)) {
                values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw ApiException.badRequest("invalid_query", "query",
                    "the query string holds a % that does not start an escape such as %20: encode it as %25");
        }
    }
}
