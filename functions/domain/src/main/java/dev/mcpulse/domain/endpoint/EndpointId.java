package dev.mcpulse.domain.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

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

    /**
     * A bucket in {@code [0, buckets)} derived from the id alone: the same id falls in the same bucket in every
     * process and release (CRC-32 of its UTF-8 bytes, fixed by the id, unlike {@code hashCode} of a future type),
     * so whatever spreads endpoints by it (partition keys, probe shards) can be found again by a reader.
     */
    public int bucket(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, was " + buckets);
        }
        CRC32 crc = new CRC32();
        crc.update(value.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % buckets);
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
