package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.health.CycleRecord;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The scheduler's last cycle as one item under a fixed key. */
final class CycleItemMapper {

    static final String ITEM_TYPE = "cycle";
    static final String STARTED_AT = "startedAt";

    private CycleItemMapper() {
    }

    static Map<String, AttributeValue> toItem(CycleRecord cycle) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.lastCycle());
        item.put(TableKeys.ITEM_TYPE, s(ITEM_TYPE));
        item.put(STARTED_AT, s(SortableInstant.format(cycle.startedAt())));
        item.put("endpointsEnabled", n(cycle.endpointsEnabled()));
        item.put("endpointsDue", n(cycle.endpointsDue()));
        item.put("skippedInBackoff", n(cycle.skippedInBackoff()));
        item.put("shardsDispatched", n(cycle.shardsDispatched()));
        return item;
    }

    static CycleRecord fromItem(Map<String, AttributeValue> item) {
        ItemReader read = new ItemReader(item);
        return new CycleRecord(read.instant(STARTED_AT), read.integer("endpointsEnabled"),
                read.integer("endpointsDue"), read.integer("skippedInBackoff"), read.integer("shardsDispatched"));
    }
}
