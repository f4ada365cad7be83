package dev.mcpulse.wiring;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * JSON text written by hand where a JSON library would cost a cold start: the log lines' fields and the EMF lines.
 * Every string is escaped so that whatever it holds — quotes, backslashes, newlines, control characters, line
 * separators, a lone surrogate — the line stays one valid JSON line.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** {@code text} as a JSON string, quotes included. */
    static StringBuilder appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || loneSurrogate(text, i)) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /**
     * A log field's value: numbers and booleans as JSON numbers and booleans (so that Logs Insights can
     * {@code stats avg(fields.latencyMs)}), null as null, anything else as its string.
     */
    static StringBuilder appendValue(StringBuilder out, Object value) {
        if (value == null) {
            return out.append("null");
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            return out.append(value);
        }
        if (value instanceof BigDecimal decimal) {
            return out.append(decimal.toString());
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return appendNumber(out, ((Number) value).doubleValue());
        }
        return appendString(out, String.valueOf(value));
    }

    /** A finite number; whole numbers without a fraction. */
    static StringBuilder appendNumber(StringBuilder out, double number) {
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("JSON has no " + number);
        }
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return out.append((long) number);
        }
        return out.append(number);
    }

    private static boolean loneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
