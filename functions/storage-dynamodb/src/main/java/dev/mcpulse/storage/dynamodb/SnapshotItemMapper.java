package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.Era;
import dev.mcpulse.domain.HealthSnapshot;
import dev.mcpulse.domain.Latency;
import dev.mcpulse.domain.OutcomeKind;
import dev.mcpulse.domain.ProbeStep;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The latest snapshot of an endpoint as an item. Empty optionals are left out rather than stored as nulls. */
final class SnapshotItemMapper {

    static final String ITEM_TYPE = "snapshot";
    /** The attribute the newer-wins condition compares; {@link SortableInstant} text, so it orders as time. */
    static final String CHECKED_AT = "checkedAt";

    private SnapshotItemMapper() {
    }

    static Map<String, AttributeValue> toItem(HealthSnapshot snapshot) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.snapshot(snapshot.endpointId()));
        item.put(TableKeys.ITEM_TYPE, s(ITEM_TYPE));
        item.put("endpointId", s(snapshot.endpointId().value()));
        item.put(CHECKED_AT, s(SortableInstant.format(snapshot.checkedAt())));
        item.put("outcome", s(snapshot.outcome().code()));
        item.put("connected", AttributeValue.fromBool(snapshot.connected()));
        snapshot.failedStep().ifPresent(step -> item.put("failedStep", s(step.code())));
        snapshot.httpStatus().ifPresent(status -> item.put("httpStatus", n(status)));
        snapshot.lastError().ifPresent(error -> item.put("lastError", s(error)));
        snapshot.toolsCount().ifPresent(count -> item.put("toolsCount", n(count)));
        snapshot.toolsHash().ifPresent(hash -> item.put("toolsHash", s(hash)));
        putInstant(item, "toolsChangedAt", snapshot.toolsChangedAt());
        snapshot.era().ifPresent(era -> item.put("era", s(era.code())));
        snapshot.protocolVersion().ifPresent(version -> item.put("protocolVersion", s(version)));
        snapshot.serverName().ifPresent(name -> item.put("serverName", s(name)));
        snapshot.serverVersion().ifPresent(version -> item.put("serverVersion", s(version)));
        item.put("latency", AttributeValue.fromM(latency(snapshot.latency())));
        item.put("consecutiveFailures", n(snapshot.consecutiveFailures()));
        item.put("consecutiveAuthFailures", n(snapshot.consecutiveAuthFailures()));
        putInstant(item, "lastSuccessAt", snapshot.lastSuccessAt());
        item.put("nextProbeAfter", s(SortableInstant.format(snapshot.nextProbeAfter())));
        return item;
    }

    static HealthSnapshot fromItem(Map<String, AttributeValue> item) {
        ItemReader read = new ItemReader(item);
        ItemReader latency = read.nested("latency");
        return new HealthSnapshot(
                new EndpointId(read.string("endpointId")),
                read.instant(CHECKED_AT),
                read.code("outcome", OutcomeKind::fromCode),
                read.optionalCode("failedStep", ProbeStep::fromCode),
                read.optionalInteger("httpStatus"),
                read.optionalString("lastError"),
                read.optionalInteger("toolsCount"),
                read.optionalString("toolsHash"),
                read.optionalInstant("toolsChangedAt"),
                read.optionalCode("era", Era::fromCode),
                read.optionalString("protocolVersion"),
                read.optionalString("serverName"),
                read.optionalString("serverVersion"),
                new Latency(latency.optionalNumber("discoverMs"), latency.optionalNumber("toolsListMs"),
                        latency.optionalNumber("toolCallMs"), latency.number("totalMs")),
                read.integer("consecutiveFailures"),
                read.integer("consecutiveAuthFailures"),
                read.optionalInstant("lastSuccessAt"),
                read.instant("nextProbeAfter"));
    }

    private static Map<String, AttributeValue> latency(Latency latency) {
        Map<String, AttributeValue> steps = new HashMap<>();
        latency.discoverMs().ifPresent(ms -> steps.put("discoverMs", n(ms)));
        latency.toolsListMs().ifPresent(ms -> steps.put("toolsListMs", n(ms)));
        latency.toolCallMs().ifPresent(ms -> steps.put("toolCallMs", n(ms)));
        steps.put("totalMs", n(latency.totalMs()));
        return steps;
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Optional<Instant> instant) {
        instant.ifPresent(value -> item.put(name, s(SortableInstant.format(value))));
    }
}
