package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.service.FleetQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The list route's {@code next} cursor: opaque to clients (base64url), it holds a format version, a fingerprint
 * of the filters it was issued for and the id to continue after. Nothing in it is trusted: a cursor that does not
 * decode, names no valid id, or was issued for other filters is a 400 that says which — a foreign cursor would
 * otherwise silently skip or repeat rows. It carries no secret, so it needs no signature: forging one can only
 * start a listing after an id of one's choosing, which {@code next} is for.
 */
final class FleetCursor {

    private static final String VERSION = "c1";
    private static final char SEPARATOR = '~';
    /** Version, fingerprint, two separators and the longest id, base64url-encoded, stay under this. */
    private static final int MAX_LENGTH = 160;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    private FleetCursor() {
    }

    static String encode(FleetQuery.Filter filter, EndpointId after) {
        String text = VERSION + SEPARATOR + fingerprint(filter) + SEPARATOR + after.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The id to continue after, or empty when there is no cursor; a 400 when the cursor is not one for {@code filter}. */
    static Optional<EndpointId> decode(String raw, FleetQuery.Filter filter) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text(raw).split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw notACursor(raw);
        }
        if (!parts[1].equals(fingerprint(filter))) {
            throw ApiException.badRequest("invalid_parameter", "next", "next belongs to a listing with other filters:"
                    + " send it with the same status, label, search and id_prefix as the request that returned it, or"
                    + " leave next out to start from the first page");
        }
        return Optional.of(EndpointId.parse(parts[2]).orElseThrow(() -> notACursor(raw)));
    }

    private static String text(String raw) {
        if (raw.length() > MAX_LENGTH || !BASE64URL.matcher(raw).matches()) {
            throw notACursor(raw);
        }
        try {
            return new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notACursor(raw);
        }
    }

    private static ApiException notACursor(String raw) {
        return ApiException.badRequest("invalid_parameter", "next", "next " + Shown.text(raw) + " is not a cursor this"
                + " API issued: pass the next value of the previous page unchanged, or leave next out to start from the"
                + " first page");
    }

    /** Of the filters' canonical text: the same filters in any order give the same fingerprint. */
    static String fingerprint(FleetQuery.Filter filter) {
        StringBuilder canonical = new StringBuilder();
        canonical.append("status=").append(filter.status().map(s -> s.code()).orElse("")).append('\n');
        for (Map.Entry<String, String> label : new TreeMap<>(filter.labels()).entrySet()) {
            canonical.append("label=").append(label.getKey()).append(':').append(label.getValue()).append('\n');
        }
        canonical.append("search=").append(filter.search().orElse(""));
        if (!filter.idPrefix().isEmpty()) { // only then: a cursor issued before id_prefix existed still reads the same
            canonical.append('\n').append("id_prefix=").append(filter.idPrefix());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
