package dev.mcpulse.storage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** BatchGetItem against DynamoDB Local: a read of several chunks (read at once) finds every item, each once. */
class BatchReaderIT {

    @Test
    void aReadOfManyChunksFindsEveryStoredItemOnceAndNoneThatIsMissing() {
        String table = DynamoDbLocal.newTable();
        int stored = 5 * BatchReader.MAX_BATCH / 2; // 250: three chunks, the last a partial one
        List<Map<String, AttributeValue>> keys = IntStream.range(0, stored + 60)
                .mapToObj(i -> TableKeys.key("test#" + (i % 16), String.format("item#%04d", i))).toList();
        for (Map<String, AttributeValue> key : keys.subList(0, stored)) {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("payload", TableKeys.s("value of " + key.get(TableKeys.SK).s()));
            DynamoDbLocal.client().putItem(b -> b.tableName(table).item(item));
        }
        BatchReader reader = new BatchReader(DynamoDbLocal.client(), table, BatchWriter.RetryPause.DEFAULT);

        List<Map<String, AttributeValue>> found = reader.read(keys);

        assertThat(found).hasSize(stored);
        assertThat(found).extracting(item -> item.get(TableKeys.SK).s()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, stored)
                        .mapToObj(i -> String.format("item#%04d", i)).toList());
        assertThat(found).allSatisfy(item -> assertThat(item.get("payload").s())
                .isEqualTo("value of " + item.get(TableKeys.SK).s()));
        assertThat(reader.read(keys.subList(stored, keys.size()))).as("one chunk, none stored").isEmpty();
        assertThat(reader.read(List.of())).isEmpty();
    }
}
