package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key layout of the one table (infra/table/README.md explains why). Registry entries and latest snapshots
 * share the {@code FLEET} partition, each under its own sort-key prefix, so each is listed with a paginated
 * Query in id order; history has one partition per endpoint, sorted by check time.
 */
final class TableKeys {

    static final String PK = "pk";
    static final String SK = "sk";
    /** Names what an item is, for people browsing the table; the keys alone decide how it is read. */
    static final String ITEM_TYPE = "itemType";

    static final String FLEET = "FLEET";
    static final String ENDPOINT_PREFIX = "ENDPOINT#";
    static final String SNAPSHOT_PREFIX = "SNAPSHOT#";
    static final String HISTORY_PREFIX = "HISTORY#";
    static final String SCHEDULER = "SCHEDULER";
    static final String LAST_CYCLE = "LAST_CYCLE";

    private TableKeys() {
    }

    static Map<String, AttributeValue> endpoint(EndpointId id) {
        return key(FLEET, ENDPOINT_PREFIX + id.value());
    }

    static Map<String, AttributeValue> snapshot(EndpointId id) {
        return key(FLEET, SNAPSHOT_PREFIX + id.value());
    }

    static String historyPartition(EndpointId id) {
        return HISTORY_PREFIX + id.value();
    }

    static Map<String, AttributeValue> lastCycle() {
        return key(SCHEDULER, LAST_CYCLE);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
