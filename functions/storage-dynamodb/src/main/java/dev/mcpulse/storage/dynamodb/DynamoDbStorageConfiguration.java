package dev.mcpulse.storage.dynamodb;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the DynamoDB storage ({@code mcpulse.storage.dynamodb.*}; on Lambda from environment variables
 * such as {@code MCPULSE_STORAGE_DYNAMODB_TABLE_NAME}). A plain bean, so tests build it without Micronaut.
 */
@ConfigurationProperties(DynamoDbStorageConfiguration.PREFIX)
public class DynamoDbStorageConfiguration {

    public static final String PREFIX = "mcpulse.storage.dynamodb";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private String tableName = "mcpulse";
    private URI endpoint;
    private String region;
    private Duration historyTtl = DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL;
    private int maxAttempts = 5;
    private Duration retryBaseDelay = Duration.ofMillis(50);
    private Duration throttlingBaseDelay = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration attemptTimeout = Duration.ofSeconds(5);

    /** Fails fast with the name of the first bad property. */
    public DynamoDbStorageConfiguration validated() {
        require(tableName != null && TABLE_NAME.matcher(tableName).matches(), "table-name",
                "3-255 characters of letters, digits, '_', '.' or '-'");
        require(endpoint == null || endpoint.getScheme() != null && endpoint.getHost() != null, "endpoint",
                "an absolute URL such as http://127.0.0.1:8000");
        require(positive(historyTtl), "history-ttl", "a positive duration such as 7d");
        require(maxAttempts >= 1 && maxAttempts <= 20, "max-attempts", "a whole number from 1 to 20");
        require(positive(retryBaseDelay), "retry-base-delay", "a positive duration such as 50ms");
        require(positive(throttlingBaseDelay), "throttling-base-delay", "a positive duration such as 500ms");
        require(positive(maxBackoff), "max-backoff", "a positive duration such as 5s");
        require(positive(attemptTimeout), "attempt-timeout", "a positive duration such as 5s");
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

    /** The table's name; on AWS the SAM template passes the real one. */
    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** Set only for emulators (DynamoDB Local, LocalStack); they get dummy credentials. */
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

    /** How long a history item lives after its check (the TTL attribute); default 7 days. */
    public Duration getHistoryTtl() {
        return historyTtl;
    }

    public void setHistoryTtl(Duration historyTtl) {
        this.historyTtl = historyTtl;
    }

    /** Attempts per call, the first included, before an error reaches the caller. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Base of the exponential, jittered pause after a transient error (5xx, network). */
    public Duration getRetryBaseDelay() {
        return retryBaseDelay;
    }

    public void setRetryBaseDelay(Duration retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    /** Base of the exponential, jittered pause after throttling (longer: the table needs time to catch up). */
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

    /** Deadline of one HTTP attempt, so a stuck connection cannot hold a Lambda invocation. */
    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }
}
