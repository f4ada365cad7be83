package dev.mcpulse.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one AWS SDK client is built, validated when it is made: a bad value fails the bean that reads it, at start,
 * with the full property name ({@code prefix.property}) and what it must be.
 *
 * @param prefix              the configuration prefix, for messages: {@code mcpulse.storage.dynamodb}
 * @param endpoint            set only for emulators and stand-ins (they get dummy credentials)
 * @param region              empty: the SDK's default (AWS_REGION on Lambda)
 * @param maxAttempts         attempts per call, the first included, before an error reaches the caller
 * @param retryBaseDelay      base of the exponential, jittered pause after a transient error (5xx, network)
 * @param throttlingBaseDelay base of the pause after throttling (longer: the service needs time to catch up)
 * @param maxBackoff          the longest pause between attempts
 * @param attemptTimeout      deadline of one HTTP attempt, so a stuck connection cannot hold an invocation
 */
public record AwsClientSettings(String prefix, Optional<URI> endpoint, Optional<String> region, int maxAttempts,
                                Duration retryBaseDelay, Duration throttlingBaseDelay, Duration maxBackoff,
                                Duration attemptTimeout) {

    /** The SDK's own limit is higher; more than this many attempts would outlast any Lambda invocation. */
    static final int MOST_ATTEMPTS = 20;

    public AwsClientSettings {
        Objects.requireNonNull(prefix, "prefix");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        region = region == null ? Optional.empty() : region.filter(name -> !name.isBlank());
        require(endpoint.isEmpty() || endpoint.get().getScheme() != null && endpoint.get().getHost() != null, prefix,
                "endpoint", "an absolute URL such as http://127.0.0.1:8000");
        require(region.isEmpty() || region.get().matches("[a-z0-9-]{1,32}"), prefix, "region",
                "an AWS region name such as eu-west-1");
        require(maxAttempts >= 1 && maxAttempts <= MOST_ATTEMPTS, prefix, "max-attempts",
                "a whole number from 1 to " + MOST_ATTEMPTS);
        require(positive(retryBaseDelay), prefix, "retry-base-delay", "a positive duration such as 50ms");
        require(positive(throttlingBaseDelay), prefix, "throttling-base-delay", "a positive duration such as 500ms");
        require(positive(maxBackoff), prefix, "max-backoff", "a positive duration such as 5s");
        require(positive(attemptTimeout), prefix, "attempt-timeout", "a positive duration such as 5s");
    }

    /** The same settings for a client reached at {@code other}: one emulator or stand-in per service in tests. */
    public AwsClientSettings withEndpoint(URI other) {
        return new AwsClientSettings(prefix, Optional.of(other), region, maxAttempts, retryBaseDelay, throttlingBaseDelay,
                maxBackoff, attemptTimeout);
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    /** Fails with the property's full name, for the configuration beans that validate more than the client. */
    public static void require(boolean valid, String prefix, String property, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(prefix + "." + property + " must be " + expected);
        }
    }
}
