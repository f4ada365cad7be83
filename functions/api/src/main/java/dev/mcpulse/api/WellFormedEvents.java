package dev.mcpulse.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Makes an API Gateway event well-formed HTTP before Micronaut reads it. API Gateway HTTP APIs pass the request path
 * percent-decoded: a client's {@code /api/mcp/clients/a%20b} or {@code %25zz} arrives as {@code a b} or {@code %zz},
 * which Micronaut cannot build a URI from, so the function would fail before any route (a 5xx for bad input). The
 * path is encoded again here: every character that may not stand literally in a path, and every {@code %} not
 * starting an escape, so the route sees the id the client meant and refuses it by name.
 */
final class WellFormedEvents {

    private static final String PATH_CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/";

    private WellFormedEvents() {
    }

    /** The path with what cannot stand in it percent-encoded; a path that is already well-formed is kept as it is. */
    static String path(String path) {
        if (path == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); ) {
            int c = path.codePointAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                out.append('%');
            } else if (c < 0x80 && PATH_CHARACTERS.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** The first header whose value holds a control character (HTTP allows none but tab), if any. */
    static Optional<String> headerWithControlCharacter(Map<String, String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(h -> h.getValue() != null
                        && h.getValue().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
