package dev.mcpulse.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The client properties every AWS adapter's configuration bean shares ({@code <prefix>.endpoint}, {@code .region},
 * {@code .max-attempts}, {@code .retry-base-delay}, {@code .throttling-base-delay}, {@code .max-backoff},
 * {@code .attempt-timeout}). A subclass is the {@code @ConfigurationProperties} bean and names its defaults; its
 * factory turns it into {@link AwsClientSettings} once. A plain class, so tests set it without Micronaut.
 */
public abstract class AwsClientProperties {

    private final String prefix;
    private URI endpoint;
    private String region;
    private int maxAttempts;
    private Duration retryBaseDelay;
    private Duration throttlingBaseDelay;
    private Duration maxBackoff;
    private Duration attemptTimeout;

    protected AwsClientProperties(String prefix, int maxAttempts, Duration retryBaseDelay, Duration throttlingBaseDelay,
                                  Duration maxBackoff, Duration attemptTimeout) {
        this.prefix = prefix;
        this.maxAttempts = maxAttempts;
        this.retryBaseDelay = retryBaseDelay;
        this.throttlingBaseDelay = throttlingBaseDelay;
        this.maxBackoff = maxBackoff;
        this.attemptTimeout = attemptTimeout;
    }

    /** The client's settings, validated: throws naming the first bad property. */
    public AwsClientSettings clientSettings() {
        return new AwsClientSettings(prefix, Optional.ofNullable(endpoint), Optional.ofNullable(region), maxAttempts,
                retryBaseDelay, throttlingBaseDelay, maxBackoff, attemptTimeout);
    }

    /** Set only for emulators and stand-ins; they get dummy credentials. */
    public Optional<URI> getEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Empty: the SDK's default (AWS_REGION on Lambda). */
    public Optional<String> getRegion() {
        return Optional.ofNullable(region);
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryBaseDelay() {
        return retryBaseDelay;
    }

    public void setRetryBaseDelay(Duration retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    public Duration getThrottlingBaseDelay() {
        return throttlingBaseDelay;
    }

    public void setThrottlingBaseDelay(Duration throttlingBaseDelay) {
        this.throttlingBaseDelay = throttlingBaseDelay;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }
}
