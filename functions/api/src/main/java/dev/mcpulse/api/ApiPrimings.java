package dev.mcpulse.api;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.DerivedStatus;
import dev.mcpulse.domain.health.Status;
import dev.mcpulse.domain.health.StatusReason;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.storage.dynamodb.DynamoDbPriming;
import dev.mcpulse.storage.dynamodb.DynamoDbSettings;
import dev.mcpulse.wiring.snapstart.Priming;
import dev.mcpulse.wiring.snapstart.SerdePriming;
import dev.mcpulse.wiring.snapstart.SnapStartHooks;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the api function warms before its SnapStart snapshot: the DynamoDB client's first call and the serde of the
 * fleet page (GET /api/mcp/clients), built by the same {@link Payloads} mapping as a real one. Only under SnapStart.
 */
@Factory
@Requires(property = SnapStartHooks.INITIALIZATION_TYPE, value = SnapStartHooks.SNAP_START)
class ApiPrimings {

    @Singleton
    @Order(1)
    Priming dynamoDb(DynamoDbClient client, DynamoDbSettings settings) {
        DynamoDbPriming priming = new DynamoDbPriming(client, settings.tableName());
        return Priming.of("dynamodb", priming::getMissingItem);
    }

    @Singleton
    @Order(2)
    Priming serde(JsonMapper json, Payloads payloads) {
        Instant now = Instant.EPOCH;
        Endpoint endpoint = new Endpoint(new EndpointId("mcpulse-priming"), "mcpulse priming", Map.of("env", "priming"),
                URI.create("https://mcp.example.com/mcp"), Transport.AUTO, new AuthRef.None(), Endpoint.DEFAULT_TIMEOUT,
                Optional.empty(), true);
        FleetQuery.FleetPage page = new FleetQuery.FleetPage(
                List.of(new FleetQuery.EndpointView(endpoint, Optional.empty(),
                        new DerivedStatus(Status.CONFIGURED_BUT_UNCONNECTED, StatusReason.NEVER_CHECKED))),
                Optional.empty(), new FleetQuery.Summary(Map.of(), 0, 1, now),
                new FleetQuery.SchedulerHealth(Optional.empty(), false, Optional.empty()), now);
        return new SerdePriming(json, List.of(payloads.fleet(page, Optional.empty())));
    }
}
