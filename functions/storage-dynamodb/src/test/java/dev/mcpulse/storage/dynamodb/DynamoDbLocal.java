package dev.mcpulse.storage.dynamodb;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One embedded, in-memory DynamoDB Local per test JVM (no port, no Docker). Every test gets its own table,
 * created from the one table definition, so tests never see each other's items.
 */
final class DynamoDbLocal {

    private static DynamoDbClient client;

    private DynamoDbLocal() {
    }

    static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDBEmbedded.create(true).dynamoDbClient();
        }
        return client;
    }

    /** A new, empty table shaped by infra/table/mcpulse-table.json. */
    static String newTable() {
        String name = "mcpulse-" + UUID.randomUUID();
        TestTables.create(client(), name);
        return name;
    }
}
