package dev.mcpulse.secrets;

import dev.mcpulse.domain.port.SecretResolver.SecretLookup;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Classifies a failed Secrets Manager read by its structure — exception type, error code, HTTP status — never by
 * its message text, and words the reason from those alone (messages are never copied into a reason).
 */
final class SecretsManagerErrors {

    private static final String NOT_FOUND = "ResourceNotFoundException";
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "ExpiredTokenException",
            "MissingAuthenticationTokenException");
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded");

    private SecretsManagerErrors() {
    }

    static SecretLookup classify(String secretId, RuntimeException failure) {
        if (failure instanceof ResourceNotFoundException) {
            return notFound(secretId);
        }
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return byCode(secretId, code, service.statusCode(), answer(failure));
        }
        if (failure instanceof SdkClientException) {
            return new SecretLookup.Unavailable("Secrets Manager could not be reached for secret " + secretId + " ("
                    + answer(failure) + ")");
        }
        return new SecretLookup.Unavailable("reading secret " + secretId + " failed (" + answer(failure) + ")");
    }

    /**
     * An error BatchGetSecretValue reports for one of its secrets (an entry of its {@code Errors}): classified by its
     * code as a single read's error is; the entry has no HTTP status, so the reason says where the code came from.
     */
    static SecretLookup classifyBatchError(String secretId, String code) {
        if (NOT_FOUND.equals(code)) {
            return notFound(secretId);
        }
        return byCode(secretId, code, 0, (code == null ? "an error" : code) + ", in a batch read");
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

    private static SecretLookup notFound(String secretId) {
        return new SecretLookup.NotFound("secret " + secretId + " does not exist in Secrets Manager (" + NOT_FOUND + ")");
    }

    /** {@code status}: the HTTP status, 0 when there is none. */
    private static SecretLookup byCode(String secretId, String code, int status, String answer) {
        String secret = "secret " + secretId;
        if (code != null && DENIED.contains(code) || status == 403) {
            return new SecretLookup.AccessDenied("reading " + secret + " was denied (" + answer + ")");
        }
        if ("DecryptionFailure".equals(code)) {
            return new SecretLookup.AccessDenied(secret + " cannot be decrypted with its KMS key (" + answer + ")");
        }
        if ("InvalidRequestException".equals(code)) {
            return new SecretLookup.NotFound(secret + " cannot be read in its current state, for example scheduled for deletion ("
                    + answer + ")");
        }
        if (code != null && THROTTLED.contains(code) || status == 429) {
            return new SecretLookup.Unavailable("Secrets Manager throttled the read of " + secret + " (" + answer + ")");
        }
        return new SecretLookup.Unavailable("Secrets Manager could not serve " + secret + " (" + answer + ")");
    }
}
