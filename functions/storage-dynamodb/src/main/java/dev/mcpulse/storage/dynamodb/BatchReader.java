package dev.mcpulse.storage.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem in chunks of 100 keys (DynamoDB's limit). Keys DynamoDB hands back as unprocessed (throttling) are
 * asked for again with a growing pause; when some still are not read after the last attempt, the call throws —
 * an item is never reported missing because it was not read.
 */
final class BatchReader {

    static final int MAX_BATCH = 100;
    /**
     * Requests in flight at once for a read of more than one chunk: the scheduler confirms a 100,000-endpoint fleet's
     * snapshots from 8,000 check batches, 80 requests that one after the other took seconds (B7).
     */
    static final int PARALLEL_CHUNKS = 8;

    private final DynamoDbClient client;
    private final String tableName;
    private final BatchWriter.RetryPause pause;
    private final ParallelReads chunks = new ParallelReads("batch-reader", PARALLEL_CHUNKS);

    BatchReader(DynamoDbClient client, String tableName, BatchWriter.RetryPause pause) {
        this.client = client;
        this.tableName = tableName;
        this.pause = pause;
    }

    /** The items that exist under these keys, in no particular order. */
    List<Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys) {
        List<List<Map<String, AttributeValue>>> slices = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_BATCH) {
            slices.add(keys.subList(from, Math.min(from + MAX_BATCH, keys.size())));
        }
        if (slices.size() <= 1) { // a shard's read: no thread hand-over
            return slices.isEmpty() ? new ArrayList<>() : readChunk(slices.getFirst());
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        chunks.each(slices, this::readChunk).forEach(items::addAll);
        return items;
    }

    private List<Map<String, AttributeValue>> readChunk(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        KeysAndAttributes pending = KeysAndAttributes.builder().keys(keys).build();
        for (int attempt = 1; ; attempt++) {
            KeysAndAttributes request = pending;
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(Map.of(tableName, request)));
            items.addAll(response.responses().getOrDefault(tableName, List.of()));
            KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName) : null;
            if (unprocessed == null || unprocessed.keys().isEmpty()) {
                return items;
            }
            if (attempt >= pause.maxAttempts()) {
                throw new UnprocessedItemsException(unprocessed.keys().size() + " of " + keys.size()
                        + " items were still unprocessed by table " + tableName + " after " + attempt + " attempts");
            }
            pending = unprocessed;
            pause.sleepBefore(attempt + 1);
        }
    }
}
