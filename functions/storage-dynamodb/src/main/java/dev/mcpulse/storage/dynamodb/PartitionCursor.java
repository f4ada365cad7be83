package dev.mcpulse.storage.dynamodb;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One fleet partition's items of one sort-key prefix, read forward in chunks: the merge takes items from the head
 * and asks for the next chunk only when this partition runs out, so a page reads about what it returns.
 */
final class PartitionCursor {

    private final DynamoDbClient client;
    private final String tableName;
    private final String partition;
    private final String prefix;
    private final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
    /** Where the next Query starts (exclusive); null once DynamoDB has said there is nothing more. */
    private Map<String, AttributeValue> next;
    private boolean exhausted;

    /** Starts after {@code after}'s sort key, which need not be a stored item's (a page may follow a deleted entry). */
    PartitionCursor(DynamoDbClient client, String tableName, String partition, String prefix, Optional<String> after) {
        this.client = client;
        this.tableName = tableName;
        this.partition = partition;
        this.prefix = prefix;
        this.next = after.map(sk -> TableKeys.key(partition, prefix + sk)).orElse(null);
    }

    /** Reads up to {@code limit} more items when the buffer is empty; follows on when a response came back empty. */
    void fill(int limit) {
        while (buffer.isEmpty() && !exhausted) {
            QueryResponse response = client.query(QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", TableKeys.s(partition), ":prefix", TableKeys.s(prefix)))
                    .exclusiveStartKey(next)
                    .limit(limit)
                    .build());
            buffer.addAll(response.items());
            exhausted = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
            next = exhausted ? null : response.lastEvaluatedKey();
        }
    }

    boolean hasBuffered() {
        return !buffer.isEmpty();
    }

    boolean mayHaveMore() {
        return !exhausted;
    }

    String headSortKey() {
        return buffer.getFirst().get(TableKeys.SK).s();
    }

    Map<String, AttributeValue> take() {
        return buffer.removeFirst();
    }
}
