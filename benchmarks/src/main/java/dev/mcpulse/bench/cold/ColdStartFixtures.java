package dev.mcpulse.bench.cold;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpulse.bench.fleet.FleetServers;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.dynamodblocal.TableSetup;
import dev.mcpulse.storage.dynamodb.DynamoDbCycleLog;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import dev.mcpulse.storage.dynamodb.DynamoDbSnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The data and events of B5, one table per function so that every run of a function meets the same data: the
 * scheduler's table holds {@value #FLEET_SIZE} endpoints never probed (all due: one shard each run); the api's holds
 * {@value #FLEET_SIZE} endpoints with snapshots and a last cycle; the probe's gets a new endpoint before each run (a
 * first probe, so a status change to publish, every time). Events are the functions' real fixtures; the probe's
 * shard names the run's endpoint. Written with mcpulse's own DynamoDB adapters, so items have the real layout.
 */
final class ColdStartFixtures {

    static final int FLEET_SIZE = 25;
    /** The secret every endpoint's bearer token comes from; the probe resolves it from its environment. */
    static final String SECRET_ID = "mcpulse/bench-cold";
    static final String SCHEDULER_TABLE = "bench-cold-scheduler";
    static final String PROBE_TABLE = "bench-cold-probe";
    static final String API_TABLE = "bench-cold-api";

    private final DynamoDbClient client;
    private final FleetServers fleet;
    private final Path root;
    private final Path events;
    private final ObjectMapper json = new ObjectMapper();
    private int probeEndpoints;

    ColdStartFixtures(DynamoDbClient client, FleetServers fleet, Path root, Path events) {
        this.client = client;
        this.fleet = fleet;
        this.root = root;
        this.events = events;
    }

    void seed() {
        List.of(SCHEDULER_TABLE, PROBE_TABLE, API_TABLE).forEach(table -> TableSetup.createIfMissing(client, table));
        new DynamoDbEndpointRegistry(client, SCHEDULER_TABLE)
                .putAll(IntStream.range(0, FLEET_SIZE).mapToObj(i -> endpoint("sched-" + i, i)).toList());

        Instant now = Instant.now();
        DynamoDbEndpointRegistry apiRegistry = new DynamoDbEndpointRegistry(client, API_TABLE);
        DynamoDbSnapshotStore apiSnapshots = new DynamoDbSnapshotStore(client, API_TABLE, Duration.ofDays(7));
        ProbeResult ok = new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.of(Era.LEGACY_STREAMABLE_HTTP),
                Optional.of("2025-06-18"), Optional.of("bench-healthy"), Optional.of("1.0.0"), Optional.of(3),
                Optional.of("bench"), new Latency(Optional.of(3L), Optional.of(2L), Optional.empty(), 9));
        for (int i = 0; i < FLEET_SIZE; i++) {
            Endpoint endpoint = endpoint("api-" + i, i);
            apiRegistry.put(endpoint);
            apiSnapshots.putIfNewer(BackoffPolicy.next(Optional.empty(), endpoint.id(), ok, now,
                    Duration.ofMinutes(5), List.of()), Optional.empty());
        }
        new DynamoDbCycleLog(client, API_TABLE).record(new CycleRecord(now, FLEET_SIZE, FLEET_SIZE, 0, 1));
    }

    /** The api's ids, which its answer must list. */
    static List<String> apiIds() {
        return IntStream.range(0, FLEET_SIZE).mapToObj(i -> "api-" + i).toList();
    }

    private Endpoint endpoint(String id, int n) {
        return new Endpoint(new EndpointId(id), "bench " + id, Map.of("bench", "b5"), fleet.healthy(n), Transport.AUTO,
                new AuthRef.Bearer(new AuthRef.SecretRef(SECRET_ID, Optional.empty())), Duration.ofSeconds(10),
                Optional.empty(), true);
    }

    Path schedulerEvent() throws IOException {
        return copy("functions/scheduler/src/test/resources/events/scheduled-event.json", "scheduler.json");
    }

    Path apiEvent() throws IOException {
        return copy("functions/api/src/test/resources/events/list-clients.json", "list-clients.json");
    }

    /** A new endpoint in the probe's table and the probe's real SQS event fixture: one message, a shard naming it alone. */
    synchronized Path probeEvent() throws IOException {
        String id = "probe-" + probeEndpoints++;
        new DynamoDbEndpointRegistry(client, PROBE_TABLE).put(endpoint(id, probeEndpoints));
        ObjectNode event = (ObjectNode) json.readTree(root.resolve("functions/probe/src/test/resources/events/sqs-event.json").toFile());
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode message = (ObjectNode) records.get(0);
        ObjectNode shard = (ObjectNode) json.readTree(message.get("body").asText());
        shard.putArray("endpointIds").add(id);
        message.put("body", json.writeValueAsString(shard));
        event.putArray("Records").add(message);
        Path file = events.resolve("shard-" + id + ".json");
        json.writeValue(file.toFile(), event);
        return file;
    }

    /**
     * The fixture, copied once: the training runs start two at a time, and two copies replacing one file at once
     * fail (the events directory is new for each lab).
     */
    private synchronized Path copy(String fixture, String name) throws IOException {
        Path file = events.resolve(name);
        if (!Files.exists(file)) {
            Files.copy(root.resolve(fixture), file);
        }
        return file;
    }
}
