package dev.mcpulse.domain;

import java.util.Collection;

/** Builds {@code lastError}: at most 300 characters, without the endpoint's secret or anything token-shaped. */
public final class ErrorText {

    public static final int MAX_LENGTH = 300;
    private static final int SHORTEST_SECRET_SCRUBBED = 4;
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

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

    public static String redact(String text, Collection<String> secretValues) {
        String scrubbed = text;
        for (String secret : secretValues) {
            if (secret != null && secret.length() >= SHORTEST_SECRET_SCRUBBED) {
                scrubbed = scrubbed.replace(secret, "[redacted]");
            }
        }
        scrubbed = SecretShapes.scrubTokens(scrubbed);
        scrubbed = CONTROL.matcher(scrubbed).replaceAll(" ");
        return scrubbed.length() <= MAX_LENGTH ? scrubbed : scrubbed.substring(0, MAX_LENGTH - 1) + "…";
    }
}
