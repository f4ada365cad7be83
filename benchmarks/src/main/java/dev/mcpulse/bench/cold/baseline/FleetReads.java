package dev.mcpulse.bench.cold.baseline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The reads of the fleet that mcpulse makes, done directly: a Query of each registry partition, BatchGetItem of snapshots. */
final class FleetReads {

    private final DynamoDbClient dynamo;
    private final String table;

    FleetReads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    List<Map<String, AttributeValue>> endpoints() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int k = 0; k < PlainClients.FLEET_PARTITIONS; k++) {
            String partition = "FLEET#" + k;
            dynamo.queryPaginator(b -> b.tableName(table)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition),
                                    ":prefix", AttributeValue.fromS("ENDPOINT#"))))
                    .items().forEach(items::add);
        }
        return items;
    }

    /** Latest snapshots by endpoint id, 100 keys per request (BatchGetItem's limit), unprocessed keys retried. */
    Map<String, Map<String, AttributeValue>> snapshots(List<String> ids) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            ids.subList(from, Math.min(ids.size(), from + 100)).forEach(id -> keys.add(PlainClients.key(PlainClients.fleetPartition(id), "SNAPSHOT#" + id)));
            KeysAndAttributes pending = KeysAndAttributes.builder().keys(keys).build();
            while (pending != null && !pending.keys().isEmpty()) {
                KeysAndAttributes request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table, request)));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(PlainClients.text(item, "endpointId"), item));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
            }
        }
        return found;
    }
}
