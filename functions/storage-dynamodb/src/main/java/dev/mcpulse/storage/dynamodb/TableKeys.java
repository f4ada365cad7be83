package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.endpoint.EndpointId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key layout of the one table (infra/table/README.md explains why). Registry entries and latest snapshots are
 * spread over {@link #FLEET_PARTITIONS} partitions {@code FLEET#<k>}, k = the id's bucket, each kind under its own
 * sort-key prefix, so no partition key takes more than about 1/N of a cycle's reads or writes; a listing queries
 * the N partitions and merges them in id order. History has one partition per endpoint, sorted by check time.
 */
final class TableKeys {

    static final String PK = "pk";
    static final String SK = "sk";
    /** Names what an item is, for people browsing the table; the keys alone decide how it is read. */
    static final String ITEM_TYPE = "itemType";

    /**
     * N, fixed by the table layout: changing it moves every registry and snapshot item. 16 keeps each key under
     * DynamoDB's per-partition 1,000 WCU/s while a 100,000-endpoint cycle writes up to 16,000 snapshots a second,
     * and a page costs 16 small Queries (infra/table/README.md, "Why N = 16").
     */
    static final int FLEET_PARTITIONS = 16;
    static final String FLEET_PREFIX = "FLEET#";
    /** The one fleet partition of the releases before the spread; only the migration still reads it. */
    static final String LEGACY_FLEET = "FLEET";
    static final String ENDPOINT_PREFIX = "ENDPOINT#";
    static final String SNAPSHOT_PREFIX = "SNAPSHOT#";
    static final String HISTORY_PREFIX = "HISTORY#";
    static final String SCHEDULER = "SCHEDULER";
    static final String LAST_CYCLE = "LAST_CYCLE";
    static final String REGISTRY = "REGISTRY";
    static final String VERSION = "VERSION";

    private TableKeys() {
    }

    static Map<String, AttributeValue> endpoint(EndpointId id) {
        return key(fleetPartition(id), ENDPOINT_PREFIX + id.value());
    }

    static Map<String, AttributeValue> snapshot(EndpointId id) {
        return key(fleetPartition(id), SNAPSHOT_PREFIX + id.value());
    }

    /** The partition of an endpoint's registry entry and latest snapshot: fixed by its id alone. */
    static String fleetPartition(EndpointId id) {
        return fleetPartition(id.bucket(FLEET_PARTITIONS));
    }

    static String fleetPartition(int bucket) {
        return FLEET_PREFIX + bucket;
    }

    static List<String> fleetPartitions() {
        return IntStream.range(0, FLEET_PARTITIONS).mapToObj(TableKeys::fleetPartition).toList();
    }

    static String historyPartition(EndpointId id) {
        return HISTORY_PREFIX + id.value();
    }

    /** The registry's version item (infra/table/README.md, "Registry version"). */
    static Map<String, AttributeValue> registryVersion() {
        return key(REGISTRY, VERSION);
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
