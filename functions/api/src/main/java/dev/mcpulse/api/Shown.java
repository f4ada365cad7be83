package dev.mcpulse.api;

/** Renders untrusted request text for an error message: quoted, short, control characters escaped. */
final class Shown {

    private static final int MAX = 64;

    private Shown() {
    }

    static String text(String raw) {
        if (raw == null) {
            return "nothing";
        }
        String cut = raw.codePointCount(0, raw.length()) > MAX
                ? raw.substring(0, raw.offsetByCodePoints(0, MAX)) + "…" : raw;
        StringBuilder out = new StringBuilder("\"");
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
