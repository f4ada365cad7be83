package dev.mcpulse.storage.dynamodb;

import static dev.mcpulse.storage.dynamodb.Fixtures.T0;
import static dev.mcpulse.storage.dynamodb.Fixtures.failedSnapshot;
import static dev.mcpulse.storage.dynamodb.Fixtures.fullEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.id;
import static dev.mcpulse.storage.dynamodb.Fixtures.minimalEndpoint;
import static dev.mcpulse.storage.dynamodb.Fixtures.okSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.port.SnapshotStore.PutResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table written by the release before the spread (every registry entry and snapshot under pk {@code FLEET}) is
 * moved to {@code FLEET#<k>} by {@link LegacyFleetMigration}, on DynamoDB Local.
 */
class LegacyFleetMigrationIT {

    private final DynamoDbClient client = DynamoDbLocal.client();
    private String table;
    private DynamoDbEndpointRegistry registry;
    private DynamoDbSnapshotStore snapshots;
    private LegacyFleetMigration migration;

    @BeforeEach
    void setUp() {
        table = DynamoDbLocal.newTable();
        registry = new DynamoDbEndpointRegistry(client, table);
        snapshots = new DynamoDbSnapshotStore(client, table, Duration.ofDays(7));
        migration = new LegacyFleetMigration(client, table);
    }

    /** What the previous release's adapters wrote: today's item, under the one fleet partition. */
    private void writeLegacy(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> legacy = new HashMap<>(item);
        legacy.put(TableKeys.PK, AttributeValue.fromS("FLEET"));
        client.putItem(b -> b.tableName(table).item(legacy));
    }

    private int legacyItems() {
        return client.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("FLEET")))).count();
    }

    @Test
    void legacyEntriesAndSnapshotsAreReadableAfterTheMigrationAndASecondRunDoesNothing() {
        List<Endpoint> fleet = IntStream.range(0, 250).mapToObj(i -> i % 2 == 0 ? minimalEndpoint("ep-" + i)
                : fullEndpoint("ep-" + i)).sorted((a, b) -> a.id().compareTo(b.id())).toList();
        fleet.forEach(e -> writeLegacy(EndpointItemMapper.toItem(e)));
        fleet.forEach(e -> writeLegacy(SnapshotItemMapper.toItem(okSnapshot(e.id(), T0))));
        assertThat(registry.list()).as("the new layout does not see legacy items").isEmpty();

        LegacyFleetMigration.Progress first = migration.run(10_000, Duration.ofMinutes(1));

        assertThat(first).isEqualTo(new LegacyFleetMigration.Progress(500, 0, 0, true));
        assertThat(registry.list()).isEqualTo(fleet);
        assertThat(registry.page(Optional.of(fleet.get(99).id()), 50)).isEqualTo(fleet.subList(100, 150));
        List<EndpointId> ids = fleet.stream().map(Endpoint::id).toList();
        assertThat(snapshots.latest(ids)).hasSize(250).allSatisfy((id, s) -> assertThat(s).isEqualTo(okSnapshot(id, T0)));
        assertThat(snapshots.latest(ids.getFirst())).contains(okSnapshot(ids.getFirst(), T0));
        assertThat(legacyItems()).isZero();

        assertThat(migration.run(10_000, Duration.ofMinutes(1))).isEqualTo(new LegacyFleetMigration.Progress(0, 0, 0, true));
        assertThat(registry.list()).isEqualTo(fleet);
    }

    @Test
    void whatTheNewReleaseStoredSinceTheUpgradeWinsOverOlderLegacyItems() {
        EndpointId probedSince = id("probed-since");
        EndpointId editedSince = id("edited-since");
        EndpointId changedSince = id("changed-since");
        EndpointId olderInNewSlot = id("older-in-new-slot");
        writeLegacy(SnapshotItemMapper.toItem(okSnapshot(probedSince, T0)));
        writeLegacy(EndpointItemMapper.toItem(minimalEndpoint("edited-since")));
        writeLegacy(SnapshotItemMapper.toItem(okSnapshot(changedSince, T0)));
        writeLegacy(SnapshotItemMapper.toItem(failedSnapshot(olderInNewSlot, T0.plusSeconds(60), 2)));
        // After the upgrade, before the migration ran: a newer check, an edit, a change of target (marker)...
        HealthSnapshot newer = failedSnapshot(probedSince, T0.plusSeconds(300), 1);
        assertThat(snapshots.putIfNewer(newer, Optional.empty())).isEqualTo(PutResult.WRITTEN);
        Endpoint edited = fullEndpoint("edited-since");
        registry.put(edited);
        snapshots.supersede(changedSince, T0.plusSeconds(120));
        // ...and a slot holding an older check than the legacy one (a clock-skewed write): the newer legacy one wins.
        snapshots.putIfNewer(okSnapshot(olderInNewSlot, T0), Optional.empty());

        LegacyFleetMigration.Progress progress = migration.run(10_000, Duration.ofMinutes(1));

        assertThat(progress).isEqualTo(new LegacyFleetMigration.Progress(1, 3, 0, true));
        assertThat(snapshots.latest(probedSince)).contains(newer);
        assertThat(registry.get(editedSince)).contains(edited);
        assertThat(snapshots.latest(changedSince)).isEmpty();
        assertThat(snapshots.putIfNewer(okSnapshot(changedSince, T0.plusSeconds(60)), Optional.empty()))
                .as("the marker still refuses a check made before the change").isEqualTo(PutResult.DROPPED_SUPERSEDED);
        assertThat(snapshots.latest(olderInNewSlot)).contains(failedSnapshot(olderInNewSlot, T0.plusSeconds(60), 2));
        assertThat(legacyItems()).isZero();
    }

    @Test
    void aLegacyMarkerMovesWithItsOwnMomentAndStillRefusesOlderChecks() {
        EndpointId retargeted = id("retargeted");
        writeLegacy(SnapshotItemMapper.supersededMarker(retargeted, T0, T0.plus(Duration.ofDays(1))));

        assertThat(migration.run(10_000, Duration.ofMinutes(1)).copied()).isEqualTo(1);

        assertThat(snapshots.latest(retargeted)).isEmpty();
        assertThat(snapshots.putIfNewer(okSnapshot(retargeted, T0.minusSeconds(1)), Optional.empty()))
                .isEqualTo(PutResult.DROPPED_SUPERSEDED);
        assertThat(snapshots.putIfNewer(okSnapshot(retargeted, T0.plusSeconds(1)), Optional.empty()))
                .isEqualTo(PutResult.WRITTEN);
    }

    @Test
    void aRunStopsAtItsItemBoundAndTheNextRunCarriesOn() {
        IntStream.range(0, 120).forEach(i -> writeLegacy(EndpointItemMapper.toItem(minimalEndpoint("ep-" + i))));

        LegacyFleetMigration.Progress first = migration.run(50, Duration.ofMinutes(1));

        assertThat(first).isEqualTo(new LegacyFleetMigration.Progress(50, 0, 0, false));
        assertThat(registry.list()).hasSize(50);
        assertThat(legacyItems()).isEqualTo(70);
        assertThat(migration.runBeforeCycle()).isEqualTo(new LegacyFleetMigration.Progress(70, 0, 0, true));
        assertThat(registry.list()).hasSize(120);
    }

    @Test
    void anItemKindTheLegacyLayoutNeverHadIsLeftInPlace() {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("FLEET"),
                "sk", AttributeValue.fromS("SOMETHING#else"))));

        assertThat(migration.run(10_000, Duration.ofMinutes(1))).isEqualTo(new LegacyFleetMigration.Progress(0, 0, 1, false));
        assertThat(legacyItems()).isEqualTo(1);
    }
}
