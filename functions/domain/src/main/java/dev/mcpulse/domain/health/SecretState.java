package dev.mcpulse.domain.health;

/** What is known, at read time, about the secret an endpoint needs. */
public enum SecretState {
    /** The endpoint has no auth reference. */
    NOT_REQUIRED,
    /** The secret was resolved and is non-empty. */
    AVAILABLE,
    /** The secret is missing, empty or unreadable. */
    MISSING,
    /** Not resolved at read time (the API does not read secrets): the latest snapshot speaks for it. */
    UNKNOWN
}
