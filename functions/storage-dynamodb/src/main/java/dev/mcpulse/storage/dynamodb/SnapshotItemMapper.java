package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.TableKeys.n;
import static dev.mcpulse.storage.dynamodb.TableKeys.s;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeStep;
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
    /**
     * On a superseded marker only: the moment the entry's target changed or the entry was deleted. A marker holds
     * no health; it stands in the snapshot slot so that a check made before it is refused by the conditional write.
     */
    static final String SUPERSEDED_AT = "supersededAt";
    static final String MARKER_TYPE = "superseded";

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
        putInstant(item, "tokenExpiresAt", snapshot.tokenExpiresAt()); // when, never the token
        return item;
    }

    /** A superseded marker: the snapshot's key, when the change happened, and when DynamoDB may remove it. */
    static Map<String, AttributeValue> supersededMarker(EndpointId id, Instant at, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.snapshot(id));
        item.put(TableKeys.ITEM_TYPE, s(MARKER_TYPE));
        item.put("endpointId", s(id.value()));
        item.put(SUPERSEDED_AT, s(SortableInstant.format(at)));
        item.put(HistoryItemMapper.EXPIRES_AT, n(expiresAt.getEpochSecond()));
        return item;
    }

    /** False for a superseded marker (and an empty item): nothing was checked there yet. */
    static boolean holdsSnapshot(Map<String, AttributeValue> item) {
        return item.containsKey(CHECKED_AT);
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
                        latency.optionalNumber("toolCallMs"), latency.number("totalMs"), latency.optionalNumber("tokenMs")),
                read.integer("consecutiveFailures"),
                read.integer("consecutiveAuthFailures"),
                read.optionalInstant("lastSuccessAt"),
                read.instant("nextProbeAfter"),
                read.optionalInstant("tokenExpiresAt"));
    }

    private static Map<String, AttributeValue> latency(Latency latency) {
        Map<String, AttributeValue> steps = new HashMap<>();
        latency.discoverMs().ifPresent(ms -> steps.put("discoverMs", n(ms)));
        latency.toolsListMs().ifPresent(ms -> steps.put("toolsListMs", n(ms)));
        latency.toolCallMs().ifPresent(ms -> steps.put("toolCallMs", n(ms)));
        latency.tokenMs().ifPresent(ms -> steps.put("tokenMs", n(ms)));
        steps.put("totalMs", n(latency.totalMs()));
        return steps;
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Optional<Instant> instant) {
        instant.ifPresent(value -> item.put(name, s(SortableInstant.format(value))));
    }
}
