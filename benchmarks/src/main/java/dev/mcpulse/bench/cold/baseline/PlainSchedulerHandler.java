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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * B5's baseline for the scheduler: a plain {@code RequestHandler} doing the scheduler's work with nothing but the SDK —
 * read the registry and the latest snapshots, pick the due endpoints, invoke the probe function once per shard
 * (asynchronously), record the cycle.
 */
public final class PlainSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo = PlainClients.dynamoDb();
    private final LambdaClient lambda = PlainClients.lambda();
    private final String table = PlainClients.env("MCPULSE_STORAGE_DYNAMODB_TABLE_NAME");
    private final String probeFunction = PlainClients.env("MCPULSE_PROBE_FUNCTION_NAME");
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
        for (int from = 0; from < due.size(); from += shardSize) {
            List<String> ids = due.subList(from, Math.min(due.size(), from + shardSize));
            List<String> quoted = new ArrayList<>();
            ids.forEach(id -> quoted.add(PlainClients.quote(id)));
            String payload = "{\"cycleStartedAt\":" + PlainClients.quote(now.toString()) + ",\"shardIndex\":" + shards
                    + ",\"endpointIds\":[" + String.join(",", quoted) + "],\"startDelayMs\":0}";
            int status = lambda.invoke(b -> b.functionName(probeFunction).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(payload))).statusCode();
            if (status != 202) {
                throw new IllegalStateException("the probe function did not accept shard " + shards + " (" + status + ")");
            }
            shards++;
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
