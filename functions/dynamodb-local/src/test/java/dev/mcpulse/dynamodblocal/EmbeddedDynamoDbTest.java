package dev.mcpulse.dynamodblocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class EmbeddedDynamoDbTest {

    @Test
    void inMemoryDatabasesAreIsolatedAndHaveTheTable() {
        try (EmbeddedDynamoDb first = EmbeddedDynamoDb.inMemory(); EmbeddedDynamoDb second = EmbeddedDynamoDb.inMemory()) {
            assertThat(first.tableName()).isNotEqualTo(second.tableName());
            assertThat(first.client().describeTable(r -> r.tableName(first.tableName())).table().keySchema())
                    .extracting(k -> k.attributeName()).containsExactly("pk", "sk");
        }
    }

    @Test
    void aDataDirectoryKeepsItemsAcrossRestarts(@TempDir Path dir) {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("FLEET"), "sk", AttributeValue.fromS("ENDPOINT#a"));
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.inDirectory(dir, "mcpulse")) {
            db.client().putItem(r -> r.tableName("mcpulse").item(item));
        }
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.inDirectory(dir, "mcpulse")) {
            assertThat(db.client().getItem(r -> r.tableName("mcpulse").key(item)).item()).isEqualTo(item);
        }
    }
}
