package dev.mcpulse.domain;

import java.util.List;
import java.util.Map;

/** Renders an untrusted value for an error message: typed, quoted, short, and never a secret. */
final class Found {

    private static final int MAX_SHOWN = 80;

    private Found() {
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof String s) {
            if (SecretShapes.looksLikeCredential(s)) {
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

    static String typeName(Object value) {
        return switch (value) {
            case String s -> "a text";
            case Boolean b -> "the boolean";
            case Integer i -> "the number";
            case Long l -> "the number";
            case Number n -> "the number";
            case Map<?, ?> m -> "a mapping";
            case List<?> l -> "a list";
            default -> "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
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
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
