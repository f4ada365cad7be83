package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The definition, applied to DynamoDB Local, gives the table it describes. */
class TableDefinitionIT {

    @Test
    void theCreatedTableHasTheDefinedKeysBillingAndTtlAndIsCreatedOnlyOnce() {
        DynamoDbClient client = DynamoDbLocal.client();
        TableDefinition definition = TableDefinition.load();
        String name = "mcpulse-" + UUID.randomUUID();

        assertThat(definition.createIfMissing(client, name)).isTrue();
        assertThat(definition.createIfMissing(client, name)).isFalse();

        TableDescription table = client.describeTable(b -> b.tableName(name)).table();
        assertThat(table.keySchema()).isEqualTo(definition.keySchema());
        assertThat(table.attributeDefinitions()).containsExactlyInAnyOrderElementsOf(definition.attributeDefinitions());
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(definition.billingMode());
        assertThat(client.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription().attributeName())
                .isEqualTo("expiresAt");
    }
}
