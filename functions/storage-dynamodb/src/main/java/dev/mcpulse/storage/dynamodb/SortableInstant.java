package dev.mcpulse.storage.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants as fixed-width UTC text with nanoseconds ({@code 2026-11-22T02:29:41.123456789Z}): readable in the
 * console, lossless, and ordered the same way as text and as time, so conditions like {@code checkedAt < :c} and
 * sort keys compare correctly. ({@link Instant#toString()} varies in width and would not sort.)
 */
final class SortableInstant {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private SortableInstant() {
    }

    static String format(Instant instant) {
        if (instant.atZone(ZoneOffset.UTC).getYear() < 0 || instant.atZone(ZoneOffset.UTC).getYear() > 9999) {
            throw new IllegalArgumentException("instant outside years 0000-9999 cannot be stored: " + instant);
        }
        return FORMAT.format(instant);
    }

    static Instant parse(String text) {
        try {
            return Instant.from(FORMAT.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a stored instant: '" + text + "'", e);
        }
    }
}
