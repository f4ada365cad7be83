package dev.mcpulse.storage.dynamodb;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts, per partition key, the item writes a real SDK client sends and the items its reads return: add it to a
 * client's {@code overrideConfiguration(c -> c.addExecutionInterceptor(traffic))} and ask which key is hottest.
 * For the key-spread test (B7 counts with its own interceptor, which also tallies item types and write units).
 *
 * <p>A write is counted once per API call as sent (a conditional write refused by DynamoDB still costs its WCU;
 * each item of a BatchWriteItem counts, and a retry of unprocessed items is a new call that counts again); SDK
 * retries of one call are not counted again. Reads count the items of Query, GetItem and BatchGetItem responses
 * by their {@code pk} (items read without their key attributes are not counted).
 */
final class PartitionKeyTraffic implements ExecutionInterceptor {

    /** One key's share of the counted traffic. */
    public record Share(String partitionKey, long count, long total) {
        public double fraction() {
            return total == 0 ? 0 : (double) count / total;
        }
    }

    private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        switch (context.request()) {
            case PutItemRequest put -> count(writes, put.item());
            case UpdateItemRequest update -> count(writes, update.key());
            case DeleteItemRequest delete -> count(writes, delete.key());
            case BatchWriteItemRequest batch -> batch.requestItems().values().stream().flatMap(List::stream)
                    .forEach(write -> count(writes, keyOf(write)));
            default -> {
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        switch (context.response()) {
            case QueryResponse query -> query.items().forEach(item -> count(reads, item));
            case GetItemResponse get -> {
                if (get.hasItem()) {
                    count(reads, get.item());
                }
            }
            case BatchGetItemResponse batch -> batch.responses().values().stream().flatMap(List::stream)
                    .forEach(item -> count(reads, item));
            default -> {
            }
        }
    }

    private static Map<String, AttributeValue> keyOf(WriteRequest write) {
        return write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key();
    }

    private static void count(Map<String, LongAdder> counts, Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(TableKeys.PK);
        if (pk != null && pk.s() != null) {
            counts.computeIfAbsent(pk.s(), key -> new LongAdder()).increment();
        }
    }

    /** Item writes per partition key, in key order. */
    public Map<String, Long> writesByKey() {
        return snapshot(writes);
    }

    /** Items read per partition key, in key order. */
    public Map<String, Long> readsByKey() {
        return snapshot(reads);
    }

    /** The key that received the most writes, with its share of all writes counted; empty before any write. */
    public Optional<Share> hottestWrites() {
        return hottest(writesByKey());
    }

    public Optional<Share> hottestReads() {
        return hottest(readsByKey());
    }

    /** Forgets everything counted so far (between the phases of a benchmark). */
    public void reset() {
        writes.clear();
        reads.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    private static Optional<Share> hottest(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return counts.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(entry -> new Share(entry.getKey(), entry.getValue(), total));
    }
}
