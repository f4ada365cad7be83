package dev.mcpulse.dynamodblocal;

import dev.mcpulse.domain.port.InfrastructureFailure;
import dev.mcpulse.storage.dynamodb.TableDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Creates the mcpulse table where nobody else does: in DynamoDB Local for the local runner and the tests. On AWS
 * the SAM template creates it, so no function ever holds this code (or the permission it would need).
 */
public final class TableSetup {

    private TableSetup() {
    }

    /** @return true when the table was created now, false when it already existed */
    public static boolean createIfMissing(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(b -> b.tableName(tableName));
            return false;
        } catch (ResourceNotFoundException absent) {
            // a client without the adapters' translation; created below
        } catch (InfrastructureFailure failure) {
            if (!(failure.getCause() instanceof ResourceNotFoundException)) {
                throw failure;
            }
        }
        TableDefinition definition = TableDefinition.load();
        client.createTable(definition.createTableRequest(tableName));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        client.updateTimeToLive(definition.timeToLiveRequest(tableName));
        return true;
    }
}
