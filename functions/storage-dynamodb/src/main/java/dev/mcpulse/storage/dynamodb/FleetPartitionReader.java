package dev.mcpulse.storage.dynamodb;

import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Reads one sort-key prefix of the {@code FLEET} partition page by page, in sort-key (that is, id) order. */
final class FleetPartitionReader {

    /** No Limit: DynamoDB's own 1 MB pages, the fewest round trips. */
    static final int DYNAMODB_PAGES = 0;

    private final DynamoDbClient client;
    private final String tableName;
    private final int pageSize;

    FleetPartitionReader(DynamoDbClient client, String tableName, int pageSize) {
        this.client = client;
        this.tableName = tableName;
        this.pageSize = pageSize;
    }

    /** Lazily follows LastEvaluatedKey: each page is fetched when the stream reaches it. */
    Stream<Map<String, AttributeValue>> items(String prefix) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(
                        ":pk", TableKeys.s(TableKeys.FLEET), ":prefix", TableKeys.s(prefix)));
        if (pageSize > 0) {
            request.limit(pageSize);
        }
        return client.queryPaginator(request.build()).items().stream();
    }
}
