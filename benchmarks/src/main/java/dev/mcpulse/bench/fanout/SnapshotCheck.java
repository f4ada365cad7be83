package dev.mcpulse.bench.fanout;

import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.fanout.FleetMix.Category;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.storage.dynamodb.DynamoDbSnapshotStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whether a run's snapshots are right, read back from DynamoDB: one snapshot per endpoint written by this run (checked
 * at or after it started), with the outcome the endpoint's category must have. A run with a wrong snapshot is a
 * failure, not a figure.
 */
record SnapshotCheck(int endpoints, int snapshots, int correct, Map<String, Integer> mismatches) {

    static SnapshotCheck of(List<Endpoint> endpoints, DynamoDbLocalProcess dynamoDb, Instant started) {
        Map<EndpointId, HealthSnapshot> stored;
        try (DynamoDbClient client = dynamoDb.client()) {
            stored = new DynamoDbSnapshotStore(client, DynamoDbLocalProcess.TABLE, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL)
                    .latest(endpoints.stream().map(Endpoint::id).toList());
        }
        int snapshots = 0;
        int correct = 0;
        Map<String, Integer> mismatches = new TreeMap<>();
        for (Endpoint endpoint : endpoints) {
            HealthSnapshot snapshot = stored.get(endpoint.id());
            if (snapshot == null || snapshot.checkedAt().isBefore(started)) {
                mismatches.merge("no snapshot of this cycle", 1, Integer::sum);
                continue;
            }
            snapshots++;
            Category category = FleetMix.category(endpoint.id());
            if (snapshot.outcome() == category.expected()) {
                correct++;
            } else {
                mismatches.merge(category.name().toLowerCase() + " → " + snapshot.outcome().code(), 1, Integer::sum);
            }
        }
        return new SnapshotCheck(endpoints.size(), snapshots, correct, java.util.Collections.unmodifiableMap(mismatches));
    }

    boolean allRight() {
        return correct == endpoints;
    }

    /** "right / all", and what the wrong ones were. */
    String text() {
        return correct + " / " + endpoints + (allRight() ? "" : " **wrong** " + mismatches);
    }
}
