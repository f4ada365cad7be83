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
 * and asks for the next chunk only when this partition runs out, so a page reads about what it returns. The Query's
 * key condition is the kind's prefix and the id prefix asked for, so an id prefix reads only the entries it matches.
 */
final class PartitionCursor {

    private final DynamoDbClient client;
    private final String tableName;
    private final String partition;
    private final String keyPrefix;
    private final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
    /** Where the next Query starts (exclusive); null once DynamoDB has said there is nothing more. */
    private Map<String, AttributeValue> next;
    private boolean exhausted;

    /**
     * The items of kind {@code prefix} whose keys go on with {@code match}, after {@code after}'s sort key, which need
     * not be a stored item's (a page may follow a deleted entry). DynamoDB refuses a start key outside the key
     * condition, so one before the matching keys starts from the first of them, and one after them reads nothing.
     */
    PartitionCursor(DynamoDbClient client, String tableName, String partition, String prefix, String match,
                    Optional<String> after) {
        this.client = client;
        this.tableName = tableName;
        this.partition = partition;
        this.keyPrefix = prefix + match;
        if (after.isEmpty() || after.get().startsWith(match)) {
            this.next = after.map(sk -> TableKeys.key(partition, prefix + sk)).orElse(null);
        } else {
            this.next = null;
            this.exhausted = after.get().compareTo(match) > 0;
        }
    }

    /** Reads up to {@code limit} more items when the buffer is empty; follows on when a response came back empty. */
    void fill(int limit) {
        while (buffer.isEmpty() && !exhausted) {
            QueryResponse response = client.query(QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", TableKeys.s(partition), ":prefix", TableKeys.s(keyPrefix)))
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
