package dev.mcpulse.mcp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Header values mirrored from a request body (2026-07-28 streamable HTTP, "Value Encoding"): plain when they are
 * visible ASCII without leading or trailing blanks, otherwise the {@code =?base64?...?=} sentinel form.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    static String encode(String value) {
        boolean plain = !value.isEmpty()
                && value.chars().allMatch(c -> c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7e))
                && !Character.isWhitespace(value.charAt(0))
                && !Character.isWhitespace(value.charAt(value.length() - 1))
                && !(value.startsWith("=?base64?") && value.endsWith("?="));
        return plain ? value
                : "=?base64?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
