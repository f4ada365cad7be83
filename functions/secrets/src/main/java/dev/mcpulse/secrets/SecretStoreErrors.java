package dev.mcpulse.secrets;

import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Classifies a failed read of a secret store by its structure — exception type, error code, HTTP status — never by
 * its message text, and words the reason from those alone (messages are never copied into a reason). One instance
 * per store: the two name a missing secret, an undecryptable one and one in an unreadable state by codes of their own.
 */
final class SecretStoreErrors {

    static final SecretStoreErrors SECRETS_MANAGER = new SecretStoreErrors("Secrets Manager",
            Set.of("ResourceNotFoundException"), Set.of("DecryptionFailure"), Set.of("InvalidRequestException"));
    static final SecretStoreErrors PARAMETER_STORE = new SecretStoreErrors("Parameter Store",
            Set.of("ParameterNotFound", "ParameterVersionNotFound"), Set.of("InvalidKeyId"), Set.of());

    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "ExpiredTokenException",
            "MissingAuthenticationTokenException");
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded");

    private final String store;
    private final Set<String> notFound;
    private final Set<String> undecryptable;
    private final Set<String> unreadableState;

    private SecretStoreErrors(String store, Set<String> notFound, Set<String> undecryptable, Set<String> unreadableState) {
        this.store = store;
        this.notFound = notFound;
        this.undecryptable = undecryptable;
        this.unreadableState = unreadableState;
    }

    SecretLookup classify(String secretId, RuntimeException failure) {
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return byCode(secretId, code, service.statusCode(), answer(failure));
        }
        if (failure instanceof SdkClientException) {
            return new SecretLookup.Unavailable(store + " could not be reached for secret " + secretId + " ("
                    + answer(failure) + ")");
        }
        return new SecretLookup.Unavailable("reading secret " + secretId + " failed (" + answer(failure) + ")");
    }

    /**
     * An error a batch read reports for one of its secrets: classified by its code as a single read's error is; the
     * entry has no HTTP status, so the reason says where the code came from.
     */
    SecretLookup classifyBatchError(String secretId, String code) {
        return byCode(secretId, code, 0, (code == null ? "an error" : code) + ", in a batch read");
    }

    /** A secret the store says it does not hold, in the store's own words ({@code code}). */
    SecretLookup notFound(String secretId, String code) {
        return new SecretLookup.NotFound("secret " + secretId + " does not exist in " + store + " (" + code + ")");
    }

    /** A failed call in words fit for a log line or a reason: its error code and HTTP status, or the failure's type. */
    static String answer(RuntimeException failure) {
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return (code == null ? "an error" : code) + ", HTTP " + service.statusCode();
        }
        Throwable cause = failure instanceof SdkClientException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName();
    }

    /** {@code status}: the HTTP status, 0 when there is none. */
    private SecretLookup byCode(String secretId, String code, int status, String answer) {
        String secret = "secret " + secretId;
        if (code != null && notFound.contains(code)) {
            return notFound(secretId, code);
        }
        if (code != null && DENIED.contains(code) || status == 403) {
            return new SecretLookup.AccessDenied("reading " + secret + " was denied (" + answer + ")");
        }
        if (code != null && undecryptable.contains(code)) {
            return new SecretLookup.AccessDenied(secret + " cannot be decrypted with its KMS key (" + answer + ")");
        }
        if (code != null && unreadableState.contains(code)) {
            return new SecretLookup.NotFound(secret + " cannot be read in its current state, for example scheduled for deletion ("
                    + answer + ")");
        }
        if (code != null && THROTTLED.contains(code) || status == 429) {
            return new SecretLookup.Unavailable(store + " throttled the read of " + secret + " (" + answer + ")");
        }
        return new SecretLookup.Unavailable(store + " could not serve " + secret + " (" + answer + ")");
    }
}
