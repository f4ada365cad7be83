package dev.mcpulse.probe;

import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.testsupport.ManualClock;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;

/** The probe function's context as its ITs build it: an in-memory DynamoDB Local, local secrets, a test's clock. */
final class ProbeContexts {

    private ProbeContexts() {
    }

    /** Started; the caller closes it. Local mode, as the MCP servers the tests probe are on loopback. */
    static ApplicationContext withLocalSecrets(EmbeddedDynamoDb dynamoDb, ManualClock clock, Duration interval) {
        return ApplicationContext.builder()
                .properties(Map.of(
                        "mcpulse.storage.dynamodb.table-name", dynamoDb.tableName(),
                        "mcpulse.local.mode", "true",
                        "mcpulse.secrets.source", "local",
                        "mcpulse.probe.interval.seconds", String.valueOf(interval.toSeconds())))
                .singletons(dynamoDb.client(), clock)
                .start();
    }
}
