package dev.mcpulse.bench.scale;

import dev.mcpulse.storage.dynamodb.DynamoDbItemSize;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts the item writes a DynamoDB client sends, per partition key ({@code pk}) and item type ({@code itemType}),
 * with the write units each costs at least (an item's size rounded up to 1 KB). Read from the requests themselves
 * (PutItem, UpdateItem, DeleteItem, each item of a BatchWriteItem or TransactWriteItems), so it needs nothing of the
 * store's key layout: whatever keys the adapters write, this sees. Every attempt counts, a retry of unprocessed items
 * too: DynamoDB charges for those as well. Counts only while {@link #start} is in effect.
 */
final class WritesPerKey implements ExecutionInterceptor {

    /** One partition key's writes of one item type and their write units. */
    record Tally(long writes, long writeUnits) {
    }

    private record Key(String pk, String itemType) {
    }

    private final Map<Key, LongAdder[]> counts = new ConcurrentHashMap<>();
    private volatile boolean counting;

    void start() {
        counts.clear();
        counting = true;
    }

    /** Stops counting and returns what was counted, by partition key and item type. */
    Map<String, Map<String, Tally>> stop() {
        counting = false;
        Map<String, Map<String, Tally>> byPk = new HashMap<>();
        counts.forEach((key, adders) -> byPk.computeIfAbsent(key.pk(), pk -> new HashMap<>())
                .put(key.itemType(), new Tally(adders[0].sum(), adders[1].sum())));
        return byPk;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!counting) {
            return;
        }
        SdkRequest request = context.request();
        switch (request) {
            case PutItemRequest put -> count(put.item(), put.item());
            case UpdateItemRequest update -> count(update.key(), update.key());
            case DeleteItemRequest delete -> count(delete.key(), delete.key());
            case BatchWriteItemRequest batch -> batch.requestItems().values().stream().flatMap(List::stream)
                    .forEach(this::count);
            case TransactWriteItemsRequest transaction -> transaction.transactItems().forEach(item -> {
                if (item.put() != null) {
                    count(item.put().item(), item.put().item());
                } else if (item.update() != null) {
                    count(item.update().key(), item.update().key());
                } else if (item.delete() != null) {
                    count(item.delete().key(), item.delete().key());
                }
            });
            default -> {
                // a read: not counted
            }
        }
    }

    private void count(WriteRequest write) {
        if (write.putRequest() != null) {
            count(write.putRequest().item(), write.putRequest().item());
        } else if (write.deleteRequest() != null) {
            count(write.deleteRequest().key(), write.deleteRequest().key());
        }
    }

    /** {@code sized}: what the write unit count is taken from (an update's or delete's key: its floor, 1 unit). */
    private void count(Map<String, AttributeValue> item, Map<String, AttributeValue> sized) {
        AttributeValue pk = item.get("pk");
        AttributeValue type = item.get("itemType");
        Key key = new Key(pk == null ? "(no pk)" : String.valueOf(pk.s()), type == null ? "(key only)" : type.s());
        LongAdder[] adders = counts.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        adders[0].increment();
        adders[1].add(DynamoDbItemSize.writeUnits(sized));
    }
}
