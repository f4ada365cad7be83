package dev.mcpulse.bench.api;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * B4's baseline: the DynamoDB reads {@code GET /api/mcp/clients} needs, made with a bare SDK client and nothing
 * else — the registry's {@code ENDPOINT#} items and the latest {@code SNAPSHOT#} items of the {@code FLEET#<k>}
 * partitions, each one Query followed page by page (DynamoDB's own 1 MB pages), and the scheduler's last-cycle item
 * (a consistent GetItem). The same access pattern as the storage adapters (FleetPartitionReader,
 * DynamoDbSnapshotStore, DynamoDbCycleLog), without mapping, status derivation, JSON or HTTP.
 */
final class RawFleetReads {

    record Counts(long endpoints, long snapshots, boolean cycle) {
    }

    private final DynamoDbClient client;
    private final String table;

    RawFleetReads(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    private static final int FLEET_PARTITIONS = 16;

    Counts read() {
        long endpoints = count("ENDPOINT#");
        long snapshots = count("SNAPSHOT#");
        Map<String, AttributeValue> cycle = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("SCHEDULER"), "sk", AttributeValue.fromS("LAST_CYCLE")))).item();
        return new Counts(endpoints, snapshots, cycle != null && !cycle.isEmpty());
    }

    /** Every one of the 16 fleet partitions (FLEET#0 … FLEET#15, infra/table/README.md), one after the other. */
    private long count(String prefix) {
        long count = 0;
        for (int k = 0; k < FLEET_PARTITIONS; k++) {
            QueryRequest request = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("FLEET#" + k),
                            ":prefix", AttributeValue.fromS(prefix)))
                    .build();
            count += client.queryPaginator(request).items().stream().count();
        }
        return count;
    }
}
