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
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("FLEET#9"), "sk", AttributeValue.fromS("ENDPOINT#b"));
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.inDirectory(dir, "mcpulse")) {
            db.client().putItem(r -> r.tableName("mcpulse").item(item));
        }
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.inDirectory(dir, "mcpulse")) {
            assertThat(db.client().getItem(r -> r.tableName("mcpulse").key(item)).item()).isEqualTo(item);
        }
    }

    @Test
    void aKeptTableOfTheSinglePartitionLayoutIsMovedToTheSpreadOneWhenOpened(@TempDir Path dir) {
        Map<String, AttributeValue> legacy = Map.of("pk", AttributeValue.fromS("FLEET"), "sk", AttributeValue.fromS("ENDPOINT#b"),
                "name", AttributeValue.fromS("b"));
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.inDirectory(dir, "mcpulse")) {
            db.client().putItem(r -> r.tableName("mcpulse").item(legacy));
        }
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.inDirectory(dir, "mcpulse")) {
            // CRC-32("b") mod 16 = 9
            assertThat(db.client().getItem(r -> r.tableName("mcpulse").key(Map.of("pk", AttributeValue.fromS("FLEET#9"),
                    "sk", AttributeValue.fromS("ENDPOINT#b")))).item()).containsEntry("name", AttributeValue.fromS("b"));
            assertThat(db.client().getItem(r -> r.tableName("mcpulse").key(Map.of("pk", legacy.get("pk"),
                    "sk", legacy.get("sk")))).item()).isNullOrEmpty();
        }
    }

    @Test
    void theTableHasTheDefinedKeysBillingAndTtlAndIsCreatedOnlyOnce() {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.inMemory()) {
            var definition = dev.mcpulse.storage.dynamodb.TableDefinition.load();
            var table = db.client().describeTable(b -> b.tableName(db.tableName())).table();

            assertThat(TableSetup.createIfMissing(db.client(), db.tableName())).isFalse();
            assertThat(table.keySchema()).isEqualTo(definition.keySchema());
            assertThat(table.attributeDefinitions()).containsExactlyInAnyOrderElementsOf(definition.attributeDefinitions());
            assertThat(table.billingModeSummary().billingMode()).isEqualTo(definition.billingMode());
            assertThat(db.client().describeTimeToLive(b -> b.tableName(db.tableName())).timeToLiveDescription()
                    .attributeName()).isEqualTo("expiresAt");
        }
    }
}
