package dev.mcpulse.domain.endpoint;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one canonical endpoint id: the table key, the log field and the URL path segment all come from here.
 */
public record EndpointId(String value) implements Comparable<EndpointId> {

    public static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    public static final String EXPECTED = "1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";

    public EndpointId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("endpoint id must be " + EXPECTED);
        }
    }

    /** The id, or empty when the text is not a valid id (for request paths and other untrusted input). */
    public static Optional<EndpointId> parse(String text) {
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new EndpointId(text)) : Optional.empty();
    }

    @Override
    public int compareTo(EndpointId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
