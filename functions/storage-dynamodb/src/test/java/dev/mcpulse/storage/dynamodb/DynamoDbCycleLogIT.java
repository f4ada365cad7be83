package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.port.CycleLog;

/** The cycle log contract against DynamoDB Local. */
class DynamoDbCycleLogIT extends CycleLogContract {
    @Override
    protected CycleLog newLog() {
        return new DynamoDbCycleLog(DynamoDbLocal.client(), DynamoDbLocal.newTable());
    }
}
