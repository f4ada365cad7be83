package dev.mcpulse.mcpservers;

/**
 * How a deliberately leaky server refuses every request while repeating the credential it was sent (the whole
 * {@code Authorization} header, or an {@code X-Api-Key}), as misbehaving servers do: canary tests prove that no
 * outcome, payload or log line of mcpulse repeats it.
 */
public enum CredentialEcho {
    /** 401, the credential in {@code WWW-Authenticate}'s error_description and in the JSON body. */
    CHALLENGE,
    /** 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="<credential>"}. */
    INSUFFICIENT_SCOPE,
    /** 400 with a JSON-RPC error whose message holds the credential. */
    RPC_ERROR,
    /** 500 with a JSON-RPC error whose message holds the credential. */
    SERVER_ERROR,
    /** 200 with a body that is not JSON-RPC, holding the credential. */
    MALFORMED
}
