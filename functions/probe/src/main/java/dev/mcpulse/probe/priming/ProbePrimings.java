package dev.mcpulse.probe.priming;

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
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the probe function warms before its SnapStart snapshot: the DynamoDB client's first call, the serde of the
 * shard message it reads from SQS, and one whole probe of a loopback stub. Only under SnapStart.
 */
@Factory
@Requires(property = SnapStartHooks.INITIALIZATION_TYPE, value = SnapStartHooks.SNAP_START)
class ProbePrimings {

    @Singleton
    @Order(1)
    Priming dynamoDb(DynamoDbClient client, DynamoDbSettings settings) {
        DynamoDbPriming priming = new DynamoDbPriming(client, settings.tableName());
        return Priming.of("dynamodb", priming::getMissingItem);
    }

    @Singleton
    @Order(2)
    Priming serde(JsonMapper json) {
        return new SerdePriming(json, List.of(ShardRequest.priming()));
    }

    @Singleton
    @Order(3)
    Priming probe() {
        return new LoopbackProbePriming();
    }
}
