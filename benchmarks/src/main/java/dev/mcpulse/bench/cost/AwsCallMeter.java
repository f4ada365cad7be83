package dev.mcpulse.bench.cost;

import dev.mcpulse.storage.dynamodb.DynamoDbItemSize;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Every AWS SDK call of the cost run's child process, counted into the current {@link Meter} phase. Registered as a
 * global interceptor by a classpath resource that only that process's classpath carries
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the functions build their clients
 * exactly as in production and this sees each of them. DynamoDB requests get {@code ReturnConsumedCapacity=TOTAL};
 * their units are also computed from the items by DynamoDB's rules (writes per started 1 KB, reads per started 4 KB,
 * half for an eventually consistent read), so the run holds a figure even where the emulator reports none.
 */
public final class AwsCallMeter implements ExecutionInterceptor {

    static final long SQS_CHUNK = 64 * 1024;
    private static final double WRITE_UNIT = 1024;
    private static final double READ_UNIT = 4096;

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case ScanRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Meter.Tally tally = Meter.current();
        tally.call(operation(attributes));
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        if (isDynamoDb(attributes)) {
            tally.dynamoDb(capacity(request, response, tally));
        } else if (isSqs(attributes)) {
            tally.sqsChunks(sqsChunks(request, response));
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Meter.Tally tally = Meter.current();
        String operation = operation(attributes);
        tally.failure(operation + ":" + context.exception().getClass().getSimpleName());
        // DynamoDB bills a write whose condition failed as the write it would have been; the SDK's exception carries
        // no ConsumedCapacity, so the units are computed only.
        if (isDynamoDb(attributes) && context.request() instanceof PutItemRequest put) {
            double units = Math.ceil(DynamoDbItemSize.bytes(put.item()) / WRITE_UNIT);
            tally.failedWrite(units);
        }
    }

    private static String operation(ExecutionAttributes attributes) {
        return service(attributes) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static String service(ExecutionAttributes attributes) {
        return Objects.toString(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME), "unknown")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isDynamoDb(ExecutionAttributes attributes) {
        return service(attributes).equals("dynamodb");
    }

    private static boolean isSqs(ExecutionAttributes attributes) {
        return service(attributes).equals("sqs");
    }

    private static Meter.Capacity capacity(SdkRequest request, SdkResponse response, Meter.Tally tally) {
        return switch (response) {
            case GetItemResponse r -> {
                boolean consistent = Boolean.TRUE.equals(((GetItemRequest) request).consistentRead());
                long size = r.hasItem() ? DynamoDbItemSize.bytes(r.item()) : 0;
                yield read(List.of(r.consumedCapacity()), readUnits(size, consistent));
            }
            case QueryResponse r -> {
                boolean consistent = Boolean.TRUE.equals(((QueryRequest) request).consistentRead());
                long size = r.items().stream().mapToLong(DynamoDbItemSize::bytes).sum();
                yield read(List.of(r.consumedCapacity()), readUnits(size, consistent));
            }
            case ScanResponse r -> {
                boolean consistent = Boolean.TRUE.equals(((ScanRequest) request).consistentRead());
                long size = r.items().stream().mapToLong(DynamoDbItemSize::bytes).sum();
                yield read(List.of(r.consumedCapacity()), readUnits(size, consistent));
            }
            case BatchGetItemResponse r -> {
                // Each item is rounded up on its own; a requested key that was not found costs the minimum.
                double units = 0;
                for (var table : ((BatchGetItemRequest) request).requestItems().entrySet()) {
                    boolean consistent = Boolean.TRUE.equals(table.getValue().consistentRead());
                    List<Map<String, AttributeValue>> found = r.responses().getOrDefault(table.getKey(), List.of());
                    int unprocessed = r.unprocessedKeys().containsKey(table.getKey())
                            ? r.unprocessedKeys().get(table.getKey()).keys().size() : 0;
                    int missing = table.getValue().keys().size() - found.size() - unprocessed;
                    units += found.stream().mapToDouble(item -> readUnits(DynamoDbItemSize.bytes(item), consistent)).sum();
                    units += Math.max(0, missing) * readUnits(0, consistent);
                }
                yield read(r.consumedCapacity(), units);
            }
            case PutItemResponse r -> {
                PutItemRequest put = (PutItemRequest) request;
                long size = DynamoDbItemSize.bytes(put.item());
                tally.written(kind(put.item()), size, expiresAt(put.item()));
                // The larger of the old and the new item is billed: the old one is known when it was returned.
                long old = r.hasAttributes() ? DynamoDbItemSize.bytes(r.attributes()) : 0;
                yield write(List.of(r.consumedCapacity()), Math.ceil(Math.max(size, old) / WRITE_UNIT));
            }
            case DeleteItemResponse r ->
                    write(List.of(r.consumedCapacity()), r.hasAttributes() ? writeUnits(DynamoDbItemSize.bytes(r.attributes())) : 1);
            case UpdateItemResponse r ->
                    write(List.of(r.consumedCapacity()), r.hasAttributes() ? writeUnits(DynamoDbItemSize.bytes(r.attributes())) : 1);
            case BatchWriteItemResponse r -> {
                double units = 0;
                for (var table : ((BatchWriteItemRequest) request).requestItems().entrySet()) {
                    List<WriteRequest> unprocessed = r.unprocessedItems().getOrDefault(table.getKey(), List.of());
                    for (WriteRequest write : table.getValue()) {
                        if (unprocessed.contains(write)) {
                            continue; // sent again in a later call, and counted there
                        }
                        if (write.putRequest() != null) {
                            long size = DynamoDbItemSize.bytes(write.putRequest().item());
                            tally.written(kind(write.putRequest().item()), size, expiresAt(write.putRequest().item()));
                            units += writeUnits(size);
                        } else {
                            units += 1;
                        }
                    }
                }
                yield write(r.consumedCapacity(), units);
            }
            default -> new Meter.Capacity(false, 0, 0, 0, 0);
        };
    }

    private static double readUnits(long bytes, boolean consistent) {
        return Math.max(1, Math.ceil(bytes / READ_UNIT)) * (consistent ? 1 : 0.5);
    }

    private static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / WRITE_UNIT));
    }

    private static Meter.Capacity read(List<ConsumedCapacity> reported, double computed) {
        List<ConsumedCapacity> present = reported.stream().filter(Objects::nonNull).toList();
        double units = present.stream().mapToDouble(c -> c.readCapacityUnits() != null ? c.readCapacityUnits()
                : c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
        return new Meter.Capacity(!present.isEmpty(), units, 0, computed, 0);
    }

    private static Meter.Capacity write(List<ConsumedCapacity> reported, double computed) {
        List<ConsumedCapacity> present = reported.stream().filter(Objects::nonNull).toList();
        double units = present.stream().mapToDouble(c -> c.writeCapacityUnits() != null ? c.writeCapacityUnits()
                : c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
        return new Meter.Capacity(!present.isEmpty(), 0, units, 0, computed);
    }

    private static java.util.OptionalLong expiresAt(Map<String, AttributeValue> item) {
        AttributeValue expiresAt = item.get("expiresAt");
        return expiresAt == null || expiresAt.n() == null ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(Long.parseLong(expiresAt.n()));
    }

    /** The written item's kind: its {@code itemType}, else its partition key up to the first {@code #}. */
    static String kind(Map<String, AttributeValue> item) {
        AttributeValue type = item.get("itemType");
        if (type != null && type.s() != null) {
            return type.s();
        }
        AttributeValue pk = item.get("pk");
        String key = pk == null || pk.s() == null ? "?" : pk.s();
        return key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
    }

    /** SQS bills every started 64 KB of a request's payload as one request. */
    private static long sqsChunks(SdkRequest request, SdkResponse response) {
        long bytes = switch (request) {
            case SendMessageBatchRequest r -> r.entries().stream().mapToLong(e -> utf8(e.messageBody())).sum();
            case SendMessageRequest r -> utf8(r.messageBody());
            case DeleteMessageBatchRequest r -> 0;
            default -> response instanceof ReceiveMessageResponse received
                    ? received.messages().stream().map(Message::body).mapToLong(AwsCallMeter::utf8).sum() : 0;
        };
        return Math.max(1, (bytes + SQS_CHUNK - 1) / SQS_CHUNK);
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
