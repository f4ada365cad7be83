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

    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "ExpiredTokenException",
            "MissingAuthenticationTokenException");
    private static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded");

    private SecretsManagerErrors() {
    }

    static SecretLookup classify(String secretId, RuntimeException failure) {
        String secret = "secret " + secretId;
        if (failure instanceof ResourceNotFoundException) {
            return new SecretLookup.NotFound(secret + " does not exist in Secrets Manager (ResourceNotFoundException)");
        }
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            String answer = (code == null ? "an error" : code) + ", HTTP " + status;
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
        if (failure instanceof SdkClientException) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            return new SecretLookup.Unavailable("Secrets Manager could not be reached for " + secret + " ("
                    + cause.getClass().getSimpleName() + ")");
        }
        return new SecretLookup.Unavailable("reading " + secret + " failed (" + failure.getClass().getSimpleName() + ")");
    }
}
