package dev.mcpulse.bench.fanout;

import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.fanout.FleetMix.Category;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.storage.dynamodb.DynamoDbSnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whether a run's snapshots are right, read back from DynamoDB: one snapshot per endpoint checked by this run (at or
 * after it started: written by it, or confirmed by one of its checks that found nothing an operator sees changed and
 * so wrote none), with the outcome the endpoint's category must have. A run with a wrong snapshot is a failure, not a
 * figure. A scheduler cycle leaves an endpoint in back-off unprobed (after {@link BackoffPolicy#FAILURES_BEFORE_BACKOFF}
 * failures in a row): given the cycle's probe interval, an endpoint whose stored snapshot was not due when the cycle
 * started, by the scheduler's own rule, is right when that snapshot is ({@code inBackoff} counts them).
 */
record SnapshotCheck(int endpoints, int snapshots, int correct, int inBackoff, Map<String, Integer> mismatches) {

    static SnapshotCheck of(List<Endpoint> endpoints, DynamoDbLocalProcess dynamoDb, Instant started) {
        return of(endpoints, dynamoDb, started, Optional.empty());
    }

    /** {@code interval}: the cycle's probe interval, when endpoints in back-off may be left unprobed. */
    static SnapshotCheck of(List<Endpoint> endpoints, DynamoDbLocalProcess dynamoDb, Instant started,
                            Optional<Duration> interval) {
        List<EndpointId> ids = endpoints.stream().map(Endpoint::id).toList();
        try (DynamoDbClient client = dynamoDb.client()) {
            return of(ids, new DynamoDbSnapshotStore(client, DynamoDbLocalProcess.TABLE,
                    DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL).latest(ids), started, interval);
        }
    }

    /** {@code stored}: the latest snapshots as the store returns them, each with the newest check that confirmed it. */
    static SnapshotCheck of(List<EndpointId> endpoints, Map<EndpointId, HealthSnapshot> stored, Instant started) {
        return of(endpoints, stored, started, Optional.empty());
    }

    static SnapshotCheck of(List<EndpointId> endpoints, Map<EndpointId, HealthSnapshot> stored, Instant started,
                            Optional<Duration> interval) {
        int snapshots = 0;
        int correct = 0;
        int inBackoff = 0;
        Map<String, Integer> mismatches = new TreeMap<>();
        for (EndpointId endpoint : endpoints) {
            HealthSnapshot snapshot = stored.get(endpoint);
            if (snapshot == null) {
                mismatches.merge("no snapshot of this cycle", 1, Integer::sum);
                continue;
            }
            if (snapshot.lastCheckedAt().isBefore(started)) {
                boolean leftInBackoff = interval.isPresent()
                        && !BackoffPolicy.isDue(Optional.of(snapshot), started, interval.get());
                if (!leftInBackoff) {
                    mismatches.merge("no snapshot of this cycle", 1, Integer::sum);
                    continue;
                }
                inBackoff++;
            }
            snapshots++;
            Category category = FleetMix.category(endpoint);
            if (snapshot.outcome() == category.expected()) {
                correct++;
            } else {
                mismatches.merge(category.name().toLowerCase() + " → " + snapshot.outcome().code(), 1, Integer::sum);
            }
        }
        return new SnapshotCheck(endpoints.size(), snapshots, correct, inBackoff,
                java.util.Collections.unmodifiableMap(mismatches));
    }

    boolean allRight() {
        return correct == endpoints;
    }

    /** "right / all", and what the wrong ones were. */
    String text() {
        return correct + " / " + endpoints + (allRight() ? "" : " **wrong** " + mismatches);
    }
}
