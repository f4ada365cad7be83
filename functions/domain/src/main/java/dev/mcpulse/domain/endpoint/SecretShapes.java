package dev.mcpulse.domain.endpoint;

import java.util.regex.Pattern;

/**
 * Recognises secret references and, the other way round, strings shaped like credentials. Used to refuse a
 * secret value pasted where a reference belongs and to scrub token-shaped text from error messages.
 */
public final class SecretShapes {

    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");
    /**
     * A Parameter Store parameter: {@code ssm:} and its name, or its ARN. A name holds letters, digits and {@code _.-},
     * and a hierarchical one (with {@code /}) starts with {@code /}, as Parameter Store requires.
     */
    private static final String PARAMETER_STORE_PREFIX = "ssm:";
    private static final Pattern PARAMETER_REFERENCE = Pattern.compile(
            "ssm:(/[A-Za-z0-9_./-]{1,1010}|[A-Za-z0-9_.-]{1,1011})");
    private static final Pattern PARAMETER_ARN = Pattern.compile(
            "arn:aws(-[a-z]+)*:ssm:[a-z0-9-]+:\\d{12}:parameter/[A-Za-z0-9_./-]{1,1011}");

    /**
     * Well-known credential formats, and long unbroken runs mixing upper case, lower case and digits. The text is
     * untrusted and may be megabytes long (a server's error message, a field of an API request), so every
     * alternative that has to scan a run before it can fail starts only where a run starts (or where the previous
     * match ended): tried at every position of a long run, it would take time quadratic in the run's length.
     */
    static final Pattern TOKEN = Pattern.compile(
            "(?:gh[pousr]_[A-Za-z0-9]{16,}"
                    + "|github_pat_[A-Za-z0-9_]{16,}"
                    + "|glpat-[A-Za-z0-9_-]{16,}"
                    + "|sk-[A-Za-z0-9_-]{16,}"
                    + "|xox[abprs]-[A-Za-z0-9-]{10,}"
                    + "|AKIA[0-9A-Z]{16}"
                    + "|ya29\\.[A-Za-z0-9_-]{16,}"
                    + "|(?:(?<![A-Za-z0-9_-])|\\G)eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9_-]{8,}+(?:\\.[A-Za-z0-9_-]*+)?"
                    + "|\\b[0-9a-f]{32,}+\\b"
                    + "|(?:(?<![A-Za-z0-9])|\\G)(?=[A-Za-z0-9]*[0-9])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])[A-Za-z0-9]{24,})");

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]{8,}");

    private SecretShapes() {
    }

    /** A character that can be part of a credential-shaped run (the union of the token patterns' characters). */
    public static boolean isTokenCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "._~+/=-".indexOf(c) >= 0;
    }

    /** A Secrets Manager secret's name or ARN, or a Parameter Store parameter's ({@link #isParameterStoreReference}). */
    public static boolean isSecretReference(String text) {
        return SECRET_NAME.matcher(text).matches() || SECRET_ARN.matcher(text).matches()
                || PARAMETER_REFERENCE.matcher(text).matches() || PARAMETER_ARN.matcher(text).matches();
    }

    /**
     * Whether a reference names a Parameter Store parameter ({@code ssm:/mcpulse/prod/github}, or a parameter's ARN)
     * rather than a Secrets Manager secret. Secrets Manager names cannot hold a colon, so the two never overlap.
     */
    public static boolean isParameterStoreReference(String reference) {
        // asked on every lookup of every secret: the pattern only where the reference can be an ARN
        return reference.startsWith(PARAMETER_STORE_PREFIX)
                || reference.startsWith("arn:") && PARAMETER_ARN.matcher(reference).matches();
    }

    /** The name (or ARN) Parameter Store knows a reference's parameter by: {@code ssm:} taken off. */
    public static String parameterName(String reference) {
        return reference.startsWith(PARAMETER_STORE_PREFIX) ? reference.substring(PARAMETER_STORE_PREFIX.length())
                : reference;
    }

    /** True when the whole text, or a long part of it, looks like a credential rather than a name. */
    public static boolean looksLikeCredential(String text) {
        return TOKEN.matcher(text).find() || BEARER.matcher(text).find();
    }

    /** The text with every credential-shaped run replaced by {@code [redacted]}. */
    public static String scrubTokens(String text) {
        String scrubbed = BEARER.matcher(text).replaceAll("$1 [redacted]");
        return TOKEN.matcher(scrubbed).replaceAll("[redacted]");
    }
}
