package dev.mcpulse.storage.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem in chunks of 25 (DynamoDB's limit). Items DynamoDB hands back as unprocessed (throttling) are
 * sent again with a growing pause; when some still are not written after the last attempt, the call throws —
 * a batch is never half-written in silence.
 */
final class BatchWriter {

    static final int MAX_BATCH = 25;

    private final DynamoDbClient client;
    private final String tableName;
    private final RetryPause pause;

    BatchWriter(DynamoDbClient client, String tableName, RetryPause pause) {
        this.client = client;
        this.tableName = tableName;
        this.pause = pause;
    }

    void write(List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            writeChunk(requests.subList(from, Math.min(from + MAX_BATCH, requests.size())));
        }
    }

    private void writeChunk(List<WriteRequest> chunk) {
        List<WriteRequest> pending = new ArrayList<>(chunk);
        for (int attempt = 1; ; attempt++) {
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(Map.of(tableName, pending)));
            List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(tableName, List.of()) : List.of();
            if (unprocessed.isEmpty()) {
                return;
            }
            if (attempt >= pause.maxAttempts()) {
                throw new UnprocessedItemsException(unprocessed.size() + " of " + chunk.size()
                        + " items were still unprocessed by table " + tableName + " after " + attempt + " attempts");
            }
            pending.clear();
            pending.addAll(unprocessed);
            pause.sleepBefore(attempt + 1);
        }
    }

    /** Exponential pauses between attempts at unprocessed items, capped. */
    record RetryPause(int maxAttempts, Duration base, Duration max) {

        static final RetryPause DEFAULT = new RetryPause(8, Duration.ofMillis(50), Duration.ofSeconds(2));

        void sleepBefore(int attempt) {
            long millis = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 2, 20));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while retrying unprocessed batch items", e);
            }
        }
    }
}
