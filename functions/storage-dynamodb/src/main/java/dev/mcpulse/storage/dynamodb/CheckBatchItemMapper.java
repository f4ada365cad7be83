package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BatchedCheck;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.OutcomeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One probe shard's checks of one cycle as one item: partition {@code CHECKS#<cycleStartedAt>#<shardIndex>} (one key
 * per item, so no key is hot), a map {@code e} from endpoint id to that endpoint's check. Attribute names are short on
 * purpose (they are stored, and billed, once per check): {@code t} checkedAt and {@code cf} the confirmed snapshot's
 * checkedAt, both epoch nanoseconds (exact: a confirmation must equal the stored checkedAt to the nanosecond),
 * {@code o} outcome, {@code h} HTTP status, {@code ms} total latency. TTL as history: from the cycle's start.
 */
final class CheckBatchItemMapper {

    static final String ITEM_TYPE = "checks";
    static final String PARTITION_PREFIX = "CHECKS#";
    static final String SORT_KEY = "BATCH";
    static final String ENTRIES = "e";
    private static final String CHECKED_AT = "t";
    private static final String OUTCOME = "o";
    private static final String HTTP_STATUS = "h";
    private static final String TOTAL_MS = "ms";
    private static final String CONFIRMS = "cf";
    private static final long NANOS = 1_000_000_000L;

    private CheckBatchItemMapper() {
    }

    static Map<String, AttributeValue> key(Instant cycleStartedAt, int shardIndex) {
        return TableKeys.key(PARTITION_PREFIX + SortableInstant.format(cycleStartedAt) + "#" + shardIndex, SORT_KEY);
    }

    static Map<String, AttributeValue> toItem(CheckBatch batch, Duration timeToLive) {
        Map<String, AttributeValue> entries = new HashMap<>();
        for (BatchedCheck batched : batch.checks()) {
            HistoryEntry check = batched.check();
            Map<String, AttributeValue> entry = new HashMap<>();
            entry.put(CHECKED_AT, n(nanos(check.checkedAt())));
            entry.put(OUTCOME, s(check.outcome().code()));
            check.httpStatus().ifPresent(status -> entry.put(HTTP_STATUS, n(status)));
            entry.put(TOTAL_MS, n(check.totalMs()));
            batched.confirms().ifPresent(at -> entry.put(CONFIRMS, n(nanos(at))));
            entries.put(check.endpointId().value(), AttributeValue.fromM(entry));
        }
        Map<String, AttributeValue> item = new HashMap<>(key(batch.slot().cycleStartedAt(), batch.slot().shardIndex()));
        item.put(TableKeys.ITEM_TYPE, s(ITEM_TYPE));
        item.put(ENTRIES, AttributeValue.fromM(entries));
        item.put(HistoryItemMapper.EXPIRES_AT,
                n(batch.slot().cycleStartedAt().plus(timeToLive).getEpochSecond()));
        return item;
    }

    /** Every check of the batch, by endpoint. */
    static Map<EndpointId, BatchedCheck> fromItem(Map<String, AttributeValue> item) {
        ItemReader read = new ItemReader(item);
        Map<EndpointId, BatchedCheck> checks = new HashMap<>();
        read.map(ENTRIES).forEach((id, value) -> {
            EndpointId endpoint = EndpointId.parse(id)
                    .orElseThrow(() -> read.damaged(ENTRIES, "holds a check of '" + id + "', not an endpoint id"));
            checks.put(endpoint, entry(endpoint, read.nested(ENTRIES).nested(id)));
        });
        return checks;
    }

    /** One endpoint's check of the batch, if it has one. */
    static Optional<BatchedCheck> entryOf(Map<String, AttributeValue> item, EndpointId id) {
        ItemReader entries = new ItemReader(item).nested(ENTRIES);
        return entries.optionalMap(id.value()).map(entry -> entry(id, new ItemReader(entry)));
    }

    private static BatchedCheck entry(EndpointId id, ItemReader entry) {
        HistoryEntry check = new HistoryEntry(id, instant(entry.number(CHECKED_AT)),
                entry.code(OUTCOME, OutcomeKind::fromCode), entry.optionalInteger(HTTP_STATUS), entry.number(TOTAL_MS));
        return new BatchedCheck(check, entry.optionalNumber(CONFIRMS).map(CheckBatchItemMapper::instant));
    }

    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }
}
