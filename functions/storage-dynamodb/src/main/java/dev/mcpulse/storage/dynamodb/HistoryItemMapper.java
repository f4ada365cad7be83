package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.OutcomeKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One check as a history item: partition {@code HISTORY#<id>}, sort key the check time, so one endpoint's
 * history reads newest first with a limit. The TTL attribute counts from the check, not from the write, so a
 * late write expires when its neighbours do.
 */
final class HistoryItemMapper {

    static final String ITEM_TYPE = "history";
    /** The table's TTL attribute (infra/table/mcpulse-table.json): epoch seconds. */
    static final String EXPIRES_AT = "expiresAt";

    private HistoryItemMapper() {
    }

    static Map<String, AttributeValue> toItem(HistoryEntry entry, Duration timeToLive) {
        String checkedAt = SortableInstant.format(entry.checkedAt());
        Map<String, AttributeValue> item = new HashMap<>(
                TableKeys.key(TableKeys.historyPartition(entry.endpointId()), checkedAt));
        item.put(TableKeys.ITEM_TYPE, s(ITEM_TYPE));
        item.put("endpointId", s(entry.endpointId().value()));
        item.put("checkedAt", s(checkedAt));
        item.put("outcome", s(entry.outcome().code()));
        entry.httpStatus().ifPresent(status -> item.put("httpStatus", n(status)));
        item.put("totalMs", n(entry.totalMs()));
        item.put(EXPIRES_AT, n(entry.checkedAt().plus(timeToLive).getEpochSecond()));
        return item;
    }

    /**
     * The moment the entry's target last changed (or it was deleted), kept in its history partition under a sort key
     * no check has: check batches are shared by a shard, so their older entries are filtered by it, not deleted.
     */
    static final String HISTORY_START = "SUPERSEDED";
    static final String HISTORY_START_TYPE = "historyStart";
    static final String SUPERSEDED_AT = "supersededAt";

    static Map<String, AttributeValue> historyStart(EndpointId id, Instant at, Duration timeToLive) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(TableKeys.historyPartition(id), HISTORY_START));
        item.put(TableKeys.ITEM_TYPE, s(HISTORY_START_TYPE));
        item.put(SUPERSEDED_AT, s(SortableInstant.format(at)));
        item.put(EXPIRES_AT, n(at.plus(timeToLive).getEpochSecond()));
        return item;
    }

    static boolean isHistoryStart(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(TableKeys.SK);
        return sk != null && HISTORY_START.equals(sk.s());
    }

    static HistoryEntry fromItem(Map<String, AttributeValue> item) {
        ItemReader read = new ItemReader(item);
        return new HistoryEntry(
                new EndpointId(read.string("endpointId")),
                read.instant("checkedAt"),
                read.code("outcome", OutcomeKind::fromCode),
                read.optionalInteger("httpStatus"),
                read.number("totalMs"));
    }
}
