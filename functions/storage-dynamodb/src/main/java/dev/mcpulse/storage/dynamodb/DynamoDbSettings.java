package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.aws.AwsClientSettings;
import java.time.Duration;

/** The DynamoDB storage's validated settings: one bean, made from {@link DynamoDbStorageConfiguration} at start. */
public record DynamoDbSettings(String tableName, Duration historyTtl, AwsClientSettings client) {
}
