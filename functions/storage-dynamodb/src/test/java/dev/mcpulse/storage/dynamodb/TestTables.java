package dev.mcpulse.storage.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Creates a table from the definition for a test. (The local runner's copy is dynamodb-local's TableSetup.) */
final class TestTables {

    private TestTables() {
    }

    static void create(DynamoDbClient client, String tableName) {
        TableDefinition definition = TableDefinition.load();
        client.createTable(definition.createTableRequest(tableName));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        client.updateTimeToLive(definition.timeToLiveRequest(tableName));
    }
}
