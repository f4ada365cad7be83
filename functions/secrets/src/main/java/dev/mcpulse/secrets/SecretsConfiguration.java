package dev.mcpulse.secrets;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of secret resolution ({@code mcpulse.secrets.*}). {@code source: aws} (default) reads Secrets Manager;
 * {@code source: local} reads environment variables and the optional {@code file}. A plain bean, so tests build
 * it without Micronaut.
 */
@ConfigurationProperties(SecretsConfiguration.PREFIX)
public class SecretsConfiguration {

    public static final String PREFIX = "mcpulse.secrets";
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);

    private String source = "aws";
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private URI endpoint;
    private String region;
    private int maxAttempts = 3;
    private Duration retryBaseDelay = Duration.ofMillis(50);
    private Duration throttlingBaseDelay = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(2);
    private Duration attemptTimeout = Duration.ofSeconds(3);
    private Path file;

    /** Fails fast with the name of the first bad property. */
    public SecretsConfiguration validated() {
        require("aws".equals(source) || "local".equals(source), "source", "aws or local");
        require(positive(cacheTtl), "cache-ttl", "a positive duration shorter than the probe interval, such as 60s");
        require(endpoint == null || endpoint.getScheme() != null && endpoint.getHost() != null, "endpoint",
                "an absolute URL such as http://127.0.0.1:4566");
        require(maxAttempts >= 1 && maxAttempts <= 10, "max-attempts", "a whole number from 1 to 10");
        require(positive(retryBaseDelay), "retry-base-delay", "a positive duration such as 50ms");
        require(positive(throttlingBaseDelay), "throttling-base-delay", "a positive duration such as 250ms");
        require(positive(maxBackoff), "max-backoff", "a positive duration such as 2s");
        require(positive(attemptTimeout), "attempt-timeout", "a positive duration such as 3s");
        return this;
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean valid, String property, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(PREFIX + "." + property + " must be " + expected);
        }
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    /**
     * How long a secret is cached (each entry refreshes after a random time between half of it and all of it).
     * Keep it shorter than the probe interval so that a rotated secret is used from the next cycle on.
     */
    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    /** Set only for an emulator (LocalStack, a test stand-in); it gets dummy credentials. */
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

    /** Deadline of one HTTP attempt, so that a stuck connection cannot eat a probe's deadline. */
    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }

    /** The local secrets file (source local only); keep it outside the repository. */
    public Optional<Path> getFile() {
        return Optional.ofNullable(file);
    }

    public void setFile(Path file) {
        this.file = file;
    }
}
