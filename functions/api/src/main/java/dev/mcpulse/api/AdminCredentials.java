package dev.mcpulse.api;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who may use the admin routes when no OIDC issuer is configured ({@link Authorization}): the admin token
 * {@value #TOKEN_PROPERTY} (the local runner's), compared in constant time, or an IAM caller that an API Gateway IAM
 * authorizer put in the request context. With an issuer configured, the admin token still works where it is set.
 * The token is kept only as a digest and never appears in a log line or an error. Built at startup, so that a bad
 * token setting stops the function before it serves anything.
 */
@Context
final class AdminCredentials {

    static final String TOKEN_PROPERTY = "mcpulse.admin.token";
    static final int MIN_TOKEN_LENGTH = 16;

    /** What the check found; the caller, when allowed, is described without any credential. */
    sealed interface Verdict {
        record Allowed(String caller) implements Verdict {
        }

        record NoCredential() implements Verdict {
        }

        record WrongCredential() implements Verdict {
        }

        /** No token is configured and the request did not come through the IAM authorizer. */
        record NotConfigured() implements Verdict {
        }
    }

    private final Optional<byte[]> tokenDigest;

    AdminCredentials(Environment environment) {
        Optional<String> token = environment.getProperty(TOKEN_PROPERTY, String.class).filter(t -> !t.isBlank());
        if (token.isPresent() && token.get().strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException(TOKEN_PROPERTY + " must be at least " + MIN_TOKEN_LENGTH
                    + " characters long (the configured value is shorter; it is not shown)");
        }
        this.tokenDigest = token.map(t -> digest(t.strip()));
    }

    Verdict check(ApiRequest request) {
        Optional<String> iamCaller = request.iamCaller();
        if (iamCaller.isPresent()) {
            return new Verdict.Allowed(iamCaller.get());
        }
        if (tokenDigest.isEmpty()) {
            return new Verdict.NotConfigured();
        }
        Optional<String> presented = request.bearerToken();
        if (presented.isEmpty()) {
            return new Verdict.NoCredential();
        }
        return isAdminToken(presented.get()) ? new Verdict.Allowed("admin token") : new Verdict.WrongCredential();
    }

    /** The bearer token presented is the configured admin token (constant-time comparison of digests). */
    boolean isAdminToken(String presented) {
        return tokenDigest.isPresent() && MessageDigest.isEqual(digest(presented.strip()), tokenDigest.get());
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
