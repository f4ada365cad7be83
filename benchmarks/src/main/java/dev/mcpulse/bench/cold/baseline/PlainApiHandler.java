package dev.mcpulse.bench.cold.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * B5's baseline for the api function: a plain {@code RequestHandler} answering {@code GET /api/mcp/clients} with
 * the same DynamoDB reads as mcpulse (the registry, the latest snapshots, the last scheduler cycle) and a JSON body
 * written by hand.
 */
public final class PlainApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DynamoDbClient dynamo = PlainClients.dynamoDb();
    private final String table = PlainClients.env("MCPULSE_STORAGE_DYNAMODB_TABLE_NAME");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (!"GET".equals(event.getRequestContext().getHttp().getMethod()) || !"/api/mcp/clients".equals(event.getRawPath())) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(404).build();
        }
        FleetReads fleet = new FleetReads(dynamo, table);
        List<Map<String, AttributeValue>> endpoints = fleet.endpoints();
        Map<String, Map<String, AttributeValue>> snapshots =
                fleet.snapshots(endpoints.stream().map(item -> PlainClients.text(item, "id")).toList());
        Map<String, AttributeValue> cycle = dynamo.getItem(b -> b.tableName(table)
                .key(PlainClients.key("SCHEDULER", "LAST_CYCLE")).consistentRead(true)).item();

        StringBuilder body = new StringBuilder("{\"clients\":[");
        int connected = 0;
        for (Map<String, AttributeValue> endpoint : endpoints) {
            String id = PlainClients.text(endpoint, "id");
            Map<String, AttributeValue> snapshot = snapshots.get(id);
            boolean isConnected = snapshot != null && Boolean.TRUE.equals(snapshot.get("connected").bool());
            connected += isConnected ? 1 : 0;
            if (body.charAt(body.length() - 1) != '[') {
                body.append(',');
            }
            body.append("{\"id\":").append(PlainClients.quote(id))
                    .append(",\"name\":").append(PlainClients.quote(PlainClients.text(endpoint, "name")))
                    .append(",\"url\":").append(PlainClients.quote(PlainClients.text(endpoint, "url")))
                    .append(",\"status\":\"").append(snapshot == null ? "configured_but_unconnected"
                            : isConnected ? "connected" : "unhealthy")
                    .append("\",\"checkedAt\":").append(PlainClients.quote(snapshot == null ? null : PlainClients.text(snapshot, "checkedAt")))
                    .append('}');
        }
        body.append("],\"summary\":{\"total\":").append(endpoints.size()).append(",\"connected\":").append(connected)
                .append("},\"scheduler\":{\"lastCycleAt\":")
                .append(PlainClients.quote(cycle == null || cycle.isEmpty() ? null : PlainClients.text(cycle, "startedAt")))
                .append("}}");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body.toString())
                .build();
    }
}
