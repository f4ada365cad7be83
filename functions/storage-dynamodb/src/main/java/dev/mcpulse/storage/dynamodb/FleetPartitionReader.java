package dev.mcpulse.storage.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Up to {@code limit} items of one prefix whose sort keys come after {@code after}'s (from the first when
     * empty), in order. The position is an exclusive start key, which need not be a stored item's, so a page can
     * follow an entry deleted since. DynamoDB stops a response at 1 MB, so a short response is followed on.
     */
    List<Map<String, AttributeValue>> page(String prefix, Optional<String> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("page limit must be at least 1, was " + limit);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(limit);
        Map<String, AttributeValue> start = after.map(sk -> TableKeys.key(TableKeys.FLEET, prefix + sk)).orElse(null);
        do {
            var response = client.query(QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(
                            ":pk", TableKeys.s(TableKeys.FLEET), ":prefix", TableKeys.s(prefix)))
                    .exclusiveStartKey(start)
                    .limit(limit - items.size())
                    .build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && items.size() < limit);
        return items;
    }
}
