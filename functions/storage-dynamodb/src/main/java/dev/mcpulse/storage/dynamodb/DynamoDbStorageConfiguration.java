package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.aws.AwsClientSettings.require;

import dev.mcpulse.aws.AwsClientProperties;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of the DynamoDB storage ({@code mcpulse.storage.dynamodb.*}; on Lambda from environment variables
 * such as {@code MCPULSE_STORAGE_DYNAMODB_TABLE_NAME}): the table, the history's TTL, and the client properties
 * every AWS adapter shares. {@link #settings()} validates them, once, when the storage's beans are built.
 */
@ConfigurationProperties(DynamoDbStorageConfiguration.PREFIX)
public class DynamoDbStorageConfiguration extends AwsClientProperties {

    public static final String PREFIX = "mcpulse.storage.dynamodb";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    private String tableName = "mcpulse";
    private Duration historyTtl = DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL;

    public DynamoDbStorageConfiguration() {
        super(PREFIX, 5, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** The validated settings; throws naming the first bad property. */
    public DynamoDbSettings settings() {
        require(tableName != null && TABLE_NAME.matcher(tableName).matches(), PREFIX, "table-name",
                "3-255 characters of letters, digits, '_', '.' or '-'");
        require(historyTtl != null && historyTtl.isPositive(), PREFIX, "history-ttl", "a positive duration such as 7d");
        return new DynamoDbSettings(tableName, historyTtl, clientSettings());
    }

    /** The table's name; on AWS the SAM template passes the real one. */
    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** How long a history item lives after its check (the TTL attribute); default 7 days. */
    public Duration getHistoryTtl() {
        return historyTtl;
    }

    public void setHistoryTtl(Duration historyTtl) {
        this.historyTtl = historyTtl;
    }
}
