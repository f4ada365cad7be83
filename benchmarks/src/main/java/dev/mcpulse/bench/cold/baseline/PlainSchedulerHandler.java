package dev.mcpulse.bench.cold.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * B5's baseline for the scheduler: a plain {@code RequestHandler} doing the scheduler's work with nothing but the SDK —
 * read the registry and the latest snapshots, pick the due endpoints, send one message per shard to the probe queue
 * (ten to a SendMessageBatch), record the cycle.
 */
public final class PlainSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo = PlainClients.dynamoDb();
    private final SqsClient sqs = PlainClients.sqs();
    private final String table = PlainClients.env("MCPULSE_STORAGE_DYNAMODB_TABLE_NAME");
    private final String probeQueue = PlainClients.env("MCPULSE_PROBE_QUEUE_URL");
    private final int shardSize = Integer.parseInt(PlainClients.env("MCPULSE_SHARD_SIZE"));

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Instant now = Instant.now();
        FleetReads fleet = new FleetReads(dynamo, table);
        List<String> enabled = fleet.endpoints().stream()
                .filter(item -> Boolean.TRUE.equals(item.get("enabled").bool()))
                .map(item -> PlainClients.text(item, "id"))
                .toList();
        Map<String, Map<String, AttributeValue>> latest = fleet.snapshots(enabled);
        List<String> due = enabled.stream().filter(id -> {
            Map<String, AttributeValue> snapshot = latest.get(id);
            return snapshot == null || !Instant.parse(PlainClients.text(snapshot, "nextProbeAfter")).isAfter(now);
        }).toList();

        int shards = 0;
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int from = 0; from < due.size(); from += shardSize) {
            List<String> ids = due.subList(from, Math.min(due.size(), from + shardSize));
            List<String> quoted = new ArrayList<>();
            ids.forEach(id -> quoted.add(PlainClients.quote(id)));
            String payload = "{\"cycleStartedAt\":" + PlainClients.quote(now.toString()) + ",\"shardIndex\":" + shards
                    + ",\"endpointIds\":[" + String.join(",", quoted) + "],\"startDelayMs\":0}";
            batch.add(SendMessageBatchRequestEntry.builder().id("shard-" + shards).messageBody(payload).build());
            shards++;
            if (batch.size() == 10 || from + shardSize >= due.size()) {
                List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
                if (!sqs.sendMessageBatch(b -> b.queueUrl(probeQueue).entries(entries)).failed().isEmpty()) {
                    throw new IllegalStateException("the probe queue refused a shard");
                }
                batch.clear();
            }
        }

        String startedAt = SORTABLE.format(now);
        Map<String, AttributeValue> cycle = new LinkedHashMap<>(PlainClients.key("SCHEDULER", "LAST_CYCLE"));
        cycle.put("itemType", AttributeValue.fromS("cycle"));
        cycle.put("startedAt", AttributeValue.fromS(startedAt));
        cycle.put("endpointsEnabled", AttributeValue.fromN(Integer.toString(enabled.size())));
        cycle.put("endpointsDue", AttributeValue.fromN(Integer.toString(due.size())));
        cycle.put("skippedInBackoff", AttributeValue.fromN(Integer.toString(enabled.size() - due.size())));
        cycle.put("shardsDispatched", AttributeValue.fromN(Integer.toString(shards)));
        try {
            dynamo.putItem(b -> b.tableName(table).item(cycle)
                    .conditionExpression("attribute_not_exists(pk) OR startedAt < :startedAt")
                    .expressionAttributeValues(Map.of(":startedAt", AttributeValue.fromS(startedAt))));
        } catch (ConditionalCheckFailedException newerAlreadyRecorded) {
            // As mcpulse: a newer cycle stays.
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("startedAt", now.toString());
        summary.put("endpointsEnabled", enabled.size());
        summary.put("endpointsDue", due.size());
        summary.put("shardsDispatched", shards);
        return summary;
    }
}
