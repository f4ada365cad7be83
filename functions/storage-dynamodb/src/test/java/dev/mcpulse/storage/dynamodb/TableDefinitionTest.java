package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

class TableDefinitionTest {

    @Test
    void theClasspathDefinitionIsTheInfraFileItself() throws IOException {
        Path infra = Path.of("../../infra/table/mcpulse-table.json");

        assertThat(TableDefinition.load().json()).isEqualTo(Files.readString(infra));
    }

    @Test
    void theTableHasACompositeStringKeyOnDemandBillingAndTheHistoryTtl() {
        TableDefinition table = TableDefinition.load();

        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(table.attributeDefinitions()).extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .containsExactly("pk:S", "sk:S");
        assertThat(table.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.timeToLiveAttribute()).isEqualTo(HistoryItemMapper.EXPIRES_AT);
        assertThat(table.createTableRequest("t").tableName()).isEqualTo("t");
    }
}
