package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.Status;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The scheduler's last cycle as one item under a fixed key, with the fleet's summary the cycle counted (a map
 * {@code fleet}: {@code total}, {@code stale} and a count per status code): the API's summary is this one item.
 */
final class CycleItemMapper {

    static final String ITEM_TYPE = "cycle";
    static final String STARTED_AT = "startedAt";
    static final String FLEET = "fleet";
    private static final String TOTAL = "total";
    private static final String STALE = "stale";
    private static final String BY_STATUS = "byStatus";

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
        cycle.fleet().ifPresent(counts -> item.put(FLEET, AttributeValue.fromM(fleetItem(counts))));
        return item;
    }

    private static Map<String, AttributeValue> fleetItem(FleetCounts counts) {
        Map<String, AttributeValue> byStatus = new HashMap<>();
        counts.byStatus().forEach((status, count) -> byStatus.put(status.code(), n(count)));
        return Map.of(TOTAL, n(counts.total()), STALE, n(counts.stale()), BY_STATUS, AttributeValue.fromM(byStatus));
    }

    static CycleRecord fromItem(Map<String, AttributeValue> item) {
        ItemReader read = new ItemReader(item);
        Optional<FleetCounts> fleet = read.optionalMap(FLEET).map(m -> fleetCounts(read, new ItemReader(m)));
        return new CycleRecord(read.instant(STARTED_AT), read.integer("endpointsEnabled"),
                read.integer("endpointsDue"), read.integer("skippedInBackoff"), read.integer("shardsDispatched"), fleet);
    }

    /** Records written before cycles counted the fleet have no {@code fleet} map: their summary is empty. */
    private static FleetCounts fleetCounts(ItemReader cycle, ItemReader fleet) {
        ItemReader counts = fleet.nested(BY_STATUS);
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            byStatus.put(status, counts.optionalInteger(status.code()).orElse(0));
        }
        try {
            return new FleetCounts(fleet.integer(TOTAL), byStatus, fleet.integer(STALE));
        } catch (IllegalArgumentException e) {
            throw cycle.damaged(FLEET, "holds counts that do not add up");
        }
    }
}
