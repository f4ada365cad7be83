package dev.mcpulse.storage.dynamodb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The real (embedded DynamoDB Local) client, asking every write, Query and BatchGetItem for
 * {@code ReturnConsumedCapacity=TOTAL} and summing the units DynamoDB Local reports. The embedded client has no interceptor chain, so this wraps it: every call
 * goes through unchanged but for the capacity flag.
 */
final class CapacityMeter {

    final DoubleAdder writeUnits = new DoubleAdder();
    final LongAdder writeRequests = new LongAdder();
    final LongAdder itemsWritten = new LongAdder();
    final LongAdder unreported = new LongAdder();
    /** Snapshot items put (sort key SNAPSHOT#...). */
    final LongAdder snapshotPuts = new LongAdder();
    /** Read units of Query and BatchGetItem calls. */
    final DoubleAdder readUnits = new DoubleAdder();
    final DynamoDbClient client;

    CapacityMeter(DynamoDbClient real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1 && METERED.contains(method.getName())
                    && (args[0] instanceof java.util.function.Consumer<?> || method.getName().equals("queryPaginator"))) {
                // builds the request (or the paginator's requests), then comes back through this proxy
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            Object[] call = args;
            if (args != null && args.length == 1 && args[0] instanceof PutItemRequest put) {
                call = new Object[] {put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()};
                itemsWritten.increment();
                if (put.item().get(TableKeys.SK).s().startsWith(TableKeys.SNAPSHOT_PREFIX)) {
                    snapshotPuts.increment();
                }
            } else if (args != null && args.length == 1 && args[0] instanceof QueryRequest query) {
                call = new Object[] {query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()};
            } else if (args != null && args.length == 1 && args[0] instanceof BatchGetItemRequest get) {
                call = new Object[] {get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()};
            } else if (args != null && args.length == 1 && args[0] instanceof BatchWriteItemRequest batch) {
                call = new Object[] {batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()};
                batch.requestItems().values().forEach(requests -> itemsWritten.add(requests.size()));
            }
            Object result;
            try {
                result = method.invoke(real, call);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof QueryResponse response && response.consumedCapacity() != null) {
                readUnits.add(response.consumedCapacity().capacityUnits());
            } else if (result instanceof BatchGetItemResponse response && response.hasConsumedCapacity()) {
                response.consumedCapacity().forEach(capacity -> readUnits.add(capacity.capacityUnits()));
            }
            if (result instanceof PutItemResponse response) {
                count(response.consumedCapacity());
            } else if (result instanceof BatchWriteItemResponse response) {
                if (response.hasConsumedCapacity()) {
                    response.consumedCapacity().forEach(this::count);
                } else {
                    unreported.increment();
                }
            }
            return result;
        };
        client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    private static final Set<String> METERED = Set.of("putItem", "batchWriteItem", "batchGetItem", "query",
            "queryPaginator");

    private void count(ConsumedCapacity capacity) {
        writeRequests.increment();
        if (capacity == null || capacity.capacityUnits() == null) {
            unreported.increment();
        } else {
            writeUnits.add(capacity.capacityUnits());
        }
    }

    /** Starts a new count. */
    void reset() {
        writeUnits.reset();
        writeRequests.reset();
        itemsWritten.reset();
        unreported.reset();
        snapshotPuts.reset();
        readUnits.reset();
    }
}
