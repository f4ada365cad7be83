package dev.mcpulse.bench.cold.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * B5's baseline for the probe function: a plain {@code RequestHandler} doing its work for one shard with nothing but
 * the SDK and the JDK — read each endpoint, resolve its secret from the environment (as mcpulse's local resolver),
 * probe it with the bare MCP exchanges, append the history item, read the stored snapshot, write the new one
 * (conditionally) and publish the status change to EventBridge.
 */
public final class PlainProbeHandler implements RequestHandler<SQSEvent, Map<String, Object>> {

    private final DynamoDbClient dynamo = PlainClients.dynamoDb();
    private final EventBridgeClient events = PlainClients.eventBridge();
    private final BareMcpProbe mcp = new BareMcpProbe(HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
    private final String table = PlainClients.env("MCPULSE_STORAGE_DYNAMODB_TABLE_NAME");
    private final String bus = PlainClients.env("MCPULSE_EVENT_BUS_NAME");

    /** Each message of the probe queue is one shard from the scheduler; a shard that fails is reported alone. */
    @Override
    public Map<String, Object> handleRequest(SQSEvent event, Context context) {
        List<Map<String, String>> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                probe(JsonNode.parser().parse(message.getBody()).field("endpointIds").orElseThrow().asArray().stream()
                        .map(JsonNode::text).toList());
            } catch (RuntimeException e) {
                failures.add(Map.of("itemIdentifier", message.getMessageId()));
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    private void probe(List<String> endpointIds) {
        for (String id : endpointIds) {
            Map<String, AttributeValue> endpoint = dynamo.getItem(b -> b.tableName(table)
                    .key(PlainClients.key(PlainClients.fleetPartition(id), "ENDPOINT#" + id))).item();
            if (endpoint == null || endpoint.isEmpty()) {
                continue;
            }
            Instant checkedAt = Instant.now();
            BareMcpProbe.Result result;
            try {
                result = mcp.probe(URI.create(PlainClients.text(endpoint, "url")), secret(endpoint),
                        Duration.ofMillis(Long.parseLong(endpoint.get("timeoutMs").n())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            record(id, checkedAt, result);
        }
    }

    /** As mcpulse's local resolver: {@code MCPULSE_SECRET_} and the secret id in upper case, others as {@code _}. */
    private static Optional<String> secret(Map<String, AttributeValue> endpoint) {
        String secretId = PlainClients.text(endpoint, "authSecret");
        if (secretId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(System.getenv("MCPULSE_SECRET_"
                + secretId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
    }

    private void record(String id, Instant checkedAt, BareMcpProbe.Result result) {
        String at = PlainSchedulerHandler.SORTABLE.format(checkedAt);
        String outcome = result.connected() ? "ok" : "http_error";
        Map<String, AttributeValue> history = new LinkedHashMap<>(PlainClients.key("HISTORY#" + id, at));
        history.put("itemType", AttributeValue.fromS("history"));
        history.put("endpointId", AttributeValue.fromS(id));
        history.put("checkedAt", AttributeValue.fromS(at));
        history.put("outcome", AttributeValue.fromS(outcome));
        history.put("httpStatus", AttributeValue.fromN(Integer.toString(result.lastStatus())));
        history.put("totalMs", AttributeValue.fromN(Long.toString(result.totalMs())));
        history.put("expiresAt", AttributeValue.fromN(Long.toString(checkedAt.plus(Duration.ofDays(7)).getEpochSecond())));
        dynamo.putItem(b -> b.tableName(table).item(history));

        Map<String, AttributeValue> previous = dynamo.getItem(b -> b.tableName(table)
                .key(PlainClients.key(PlainClients.fleetPartition(id), "SNAPSHOT#" + id)).consistentRead(true)).item();
        boolean wasConnected = previous != null && !previous.isEmpty() && Boolean.TRUE.equals(previous.get("connected").bool());

        Map<String, AttributeValue> snapshot = new LinkedHashMap<>(PlainClients.key(PlainClients.fleetPartition(id), "SNAPSHOT#" + id));
        snapshot.put("itemType", AttributeValue.fromS("snapshot"));
        snapshot.put("endpointId", AttributeValue.fromS(id));
        snapshot.put("checkedAt", AttributeValue.fromS(at));
        snapshot.put("outcome", AttributeValue.fromS(outcome));
        snapshot.put("connected", AttributeValue.fromBool(result.connected()));
        snapshot.put("httpStatus", AttributeValue.fromN(Integer.toString(result.lastStatus())));
        if (result.protocolVersion() != null) {
            snapshot.put("protocolVersion", AttributeValue.fromS(result.protocolVersion()));
        }
        if (result.serverName() != null) {
            snapshot.put("serverName", AttributeValue.fromS(result.serverName()));
        }
        snapshot.put("toolsCount", AttributeValue.fromN(Integer.toString(result.tools())));
        snapshot.put("latency", AttributeValue.fromM(Map.of("totalMs", AttributeValue.fromN(Long.toString(result.totalMs())))));
        snapshot.put("nextProbeAfter", AttributeValue.fromS(PlainSchedulerHandler.SORTABLE.format(checkedAt.plusSeconds(300))));
        boolean basedOnNothing = previous == null || previous.isEmpty();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":checkedAt", AttributeValue.fromS(at));
        if (!basedOnNothing) {
            values.put(":basedOn", previous.get("checkedAt"));
        }
        dynamo.putItem(b -> b.tableName(table).item(snapshot)
                .conditionExpression("(attribute_not_exists(pk) OR checkedAt < :checkedAt) AND "
                        + (basedOnNothing ? "attribute_not_exists(pk)" : "checkedAt = :basedOn"))
                .expressionAttributeValues(values));

        if (wasConnected != result.connected()) {
            String detail = "{\"id\":" + PlainClients.quote(id) + ",\"from\":\""
                    + (basedOnNothing ? "configured_but_unconnected" : wasConnected ? "connected" : "unhealthy")
                    + "\",\"to\":\"" + (result.connected() ? "connected" : "unhealthy") + "\",\"reason\":\"" + outcome
                    + "\",\"checkedAt\":\"" + checkedAt + "\"}";
            events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(bus).source("mcpulse")
                    .detailType("Endpoint Status Changed").detail(detail).build()));
        }
    }
}
