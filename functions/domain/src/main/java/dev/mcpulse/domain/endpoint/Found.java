package dev.mcpulse.domain.endpoint;

import java.util.List;
import java.util.Map;

/** Renders an untrusted value for an error message: typed, quoted, short, and never a secret. */
final class Found {

    private static final int MAX_SHOWN = 80;
    /** Longer than any credential format {@link SecretShapes} knows needs to be recognised. */
    private static final int TOKEN_ROOM = 256;

    private Found() {
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof String s) {
            // judged on what could be shown, plus room for a token that starts there: a megabyte-long value is not
            // scanned whole for credentials only its first characters could reveal
            String judged = s.length() > MAX_SHOWN + TOKEN_ROOM ? s.substring(0, MAX_SHOWN + TOKEN_ROOM) : s;
            if (SecretShapes.looksLikeCredential(judged)) {
                return "a credential-shaped text of " + s.length() + " characters (not shown)";
            }
            String shown = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…" : s;
            return "\"" + escape(shown) + "\"";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return typeName(value) + " " + value;
        }
        return typeName(value);
    }

    /** Like {@link #describe} but shows only the type: for fields that may hold a pasted secret. */
    static String describeSecretSafe(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        return value instanceof String s ? "a text of " + s.length() + " characters (not shown)" : typeName(value);
    }

    /** YAML can also yield sets, dates and binary data; no Java class name reaches a message. */
    static String typeName(Object value) {
        return switch (value) {
            case String s -> "a text";
            case Boolean b -> "the boolean";
            case Integer i -> "the number";
            case Long l -> "the number";
            case Number n -> "the number";
            case Map<?, ?> m -> "a mapping";
            case List<?> l -> "a list";
            case java.util.Set<?> set -> "a set";
            case java.util.Date date -> "a date";
            case byte[] bytes -> "binary data";
            default -> "a value of another type";
        };
    }

    /**
     * Control characters, and the bidirectional controls that make text display in another order than it is stored
     * (an RTL override turns "gpj.exe" into "exe.jpg" on screen): neither belongs in a name or a label.
     */
    static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> Character.isISOControl(c) || isBidiControl(c));
    }

    private static boolean isBidiControl(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * A key of an untrusted mapping as the field of an error: itself when it is a short printable name, otherwise
     * {@link #UNKNOWN_FIELD} (the key is then described in the message, escaped and cut short), so that an error never
     * carries a megabyte-long or invisible field name.
     */
    static String fieldName(Object key) {
        return key instanceof String s && isPrintableName(s) ? s : UNKNOWN_FIELD;
    }

    static final String UNKNOWN_FIELD = "(unknown field)";

    private static boolean isPrintableName(String s) {
        return !s.isEmpty() && s.length() <= 64 && s.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || (Character.isWhitespace(c) && c != ' '));
    }

    /** Drops any user:password@ part so that an error never repeats credentials put in a URL. */
    static String withoutUserInfo(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", "$1[userinfo removed]@");
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
