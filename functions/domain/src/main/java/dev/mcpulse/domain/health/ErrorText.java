package dev.mcpulse.domain.health;

import dev.mcpulse.domain.endpoint.SecretShapes;
import java.util.Collection;

/** Builds {@code lastError}: at most 300 characters, without the endpoint's secret or anything token-shaped. */
public final class ErrorText {

    public static final int MAX_LENGTH = 300;
    private static final int SHORTEST_SECRET_SCRUBBED = 4;
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");
    /**
     * How much of a long text is scrubbed for token shapes: only its head can ever be shown, and the text may be a
     * server's multi-megabyte error message, whose every character the token patterns would otherwise try.
     */
    static final int SCRUB_WINDOW = 16 * MAX_LENGTH;

    private ErrorText() {
    }

    /**
     * The outcome's description, scrubbed of the given secret values (also in their common encodings) and of
     * credential-shaped runs, then truncated. Scrubbing happens before truncation so that a cut can never
     * leave a recognisable prefix of a secret behind.
     */
    public static String of(ProbeOutcome outcome, Collection<String> secretValues) {
        return redact(outcome.describe(), secretValues);
    }

    /**
     * The first {@link #SCRUB_WINDOW} characters, less any token-shaped run the cut went through: the part of a
     * token before a cut would not look like a token any more, and must not survive as a recognisable prefix.
     */
    private static String head(String text) {
        if (text.length() <= SCRUB_WINDOW) {
            return text;
        }
        int end = SCRUB_WINDOW;
        while (end > 0 && SecretShapes.isTokenCharacter(text.charAt(end - 1)) && SecretShapes.isTokenCharacter(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }

    public static String redact(String text, Collection<String> secretValues) {
        String scrubbed = text;
        for (String secret : secretValues) {
            if (secret != null && secret.length() >= SHORTEST_SECRET_SCRUBBED) {
                scrubbed = scrubbed.replace(secret, "[redacted]");
            }
        }
        scrubbed = SecretShapes.scrubTokens(head(scrubbed));
        scrubbed = CONTROL.matcher(scrubbed).replaceAll(" ");
        return scrubbed.length() <= MAX_LENGTH ? scrubbed : scrubbed.substring(0, MAX_LENGTH - 1) + "…";
    }
}
