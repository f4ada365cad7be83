package dev.mcpulse.scheduler;

import dev.mcpulse.storage.dynamodb.DynamoDbPriming;
import dev.mcpulse.storage.dynamodb.DynamoDbSettings;
import dev.mcpulse.wiring.ShardRequest;
import dev.mcpulse.wiring.snapstart.Priming;
import dev.mcpulse.wiring.snapstart.SerdePriming;
import dev.mcpulse.wiring.snapstart.SnapStartHooks;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Order;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the scheduler warms before its SnapStart snapshot: the DynamoDB client's first call and the serde of the
 * shard message and of the cycle's summary. Only under SnapStart, and where the scheduler dispatches (not in the
 * probe function's tests, which have this module on their classpath).
 */
@Factory
@Requires(property = SnapStartHooks.INITIALIZATION_TYPE, value = SnapStartHooks.SNAP_START)
@Requires(property = SqsProbeDispatcher.QUEUE_PROPERTY)
class SchedulerPrimings {

    @Singleton
    @Order(1)
    Priming dynamoDb(DynamoDbClient client, DynamoDbSettings settings) {
        DynamoDbPriming priming = new DynamoDbPriming(client, settings.tableName());
        return Priming.of("dynamodb", priming::getMissingItem);
    }

    @Singleton
    @Order(2)
    Priming serde(JsonMapper json) {
        return new SerdePriming(json, List.of(ShardRequest.priming(),
                new CycleSummary(Instant.EPOCH.toString(), 1, 1, 0, 1)));
    }
}
