package dev.mcpulse.storage.dynamodb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The real (embedded DynamoDB Local) client, asking every write for {@code ReturnConsumedCapacity=TOTAL} and summing
 * the write units DynamoDB Local reports. The embedded client has no interceptor chain, so this wraps it: every call
 * goes through unchanged but for the capacity flag.
 */
final class CapacityMeter {

    final DoubleAdder writeUnits = new DoubleAdder();
    final LongAdder writeRequests = new LongAdder();
    final LongAdder itemsWritten = new LongAdder();
    final LongAdder unreported = new LongAdder();
    /** Snapshot items put (sort key SNAPSHOT#...). */
    final LongAdder snapshotPuts = new LongAdder();
    final DynamoDbClient client;

    CapacityMeter(DynamoDbClient real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault() && args != null && args.length == 1 && !(args[0] instanceof PutItemRequest)
                    && !(args[0] instanceof BatchWriteItemRequest)
                    && (method.getName().equals("putItem") || method.getName().equals("batchWriteItem"))) {
                return InvocationHandler.invokeDefault(proxy, method, args); // builds the request, then comes back
            }
            Object[] call = args;
            if (args != null && args.length == 1 && args[0] instanceof PutItemRequest put) {
                call = new Object[] {put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()};
                itemsWritten.increment();
                if (put.item().get(TableKeys.SK).s().startsWith(TableKeys.SNAPSHOT_PREFIX)) {
                    snapshotPuts.increment();
                }
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
    }
}
