package dev.mcpulse.bench.api;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.BackoffPolicy;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.DerivedStatus;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.SecretState;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.storage.dynamodb.DynamoDbCycleLog;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import dev.mcpulse.storage.dynamodb.DynamoDbSnapshotStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Fills the table the way mcpulse does, through the real adapters: registry entries (batch writes), one latest
 * snapshot per endpoint (the conditional write, as a probe stores it) and the scheduler's last cycle. The fleet
 * looks like a real one: labels, half with a bearer secret reference, readiness on some; 90% of the snapshots
 * ok, 5% timeouts, 5% auth refusals, all checked within the last minute.
 */
public final class FleetSeeder {

    private static final Duration INTERVAL = Duration.ofSeconds(300);
    private static final int WRITERS = 4;

    private final DynamoDbEndpointRegistry registry;
    private final DynamoDbSnapshotStore snapshots;
    private final DynamoDbCycleLog cycles;

    FleetSeeder(DynamoDbClient client, String table) {
        this.registry = new DynamoDbEndpointRegistry(client, table);
        this.snapshots = new DynamoDbSnapshotStore(client, table, DynamoDbSnapshotStore.DEFAULT_HISTORY_TTL);
        this.cycles = new DynamoDbCycleLog(client, table);
    }

    /** Adds endpoints {@code from} (inclusive) to {@code to} (exclusive), with their snapshots; records a cycle of {@code to}. */
    void seed(int from, int to) throws Exception {
        Instant now = Instant.now();
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = from; i < to; i++) {
            endpoints.add(endpoint(i));
        }
        registry.putAll(endpoints);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int first = w;
                writes.add(writers.submit(() -> {
                    for (int k = first; k < endpoints.size(); k += WRITERS) {
                        snapshots.putIfNewer(snapshot(from + k, now), Optional.empty());
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }
        cycles.record(new CycleRecord(now, to, to, 0, (to + 24) / 25, Optional.of(counts(to, now))));
    }

    /**
     * The fleet's counts as a scheduler cycle stores them with its record, every endpoint's status derived as the API
     * derives it: a fleet larger than one page's reads gets its summary from them instead of a read of every row.
     */
    private static FleetCounts counts(int size, Instant now) {
        StatusPolicy policy = new StatusPolicy(Clock.fixed(now, ZoneOffset.UTC));
        List<DerivedStatus> statuses = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            statuses.add(policy.derive(endpoint(n), SecretState.UNKNOWN, Optional.of(snapshot(n, now)), now, INTERVAL));
        }
        return FleetCounts.of(statuses);
    }

    /**
     * Endpoint {@code n}'s seeded snapshot: its simulated outcome, checked within the minute before {@code now}. (An
     * endpoint seeded by an earlier call was checked before that call's {@code now}: still fresh, and the same status.)
     */
    private static HealthSnapshot snapshot(int n, Instant now) {
        return BackoffPolicy.next(Optional.empty(), id(n), result(n), now.minusMillis(n % 60_000), INTERVAL, List.of());
    }

    static EndpointId id(int n) {
        return new EndpointId("bench-%05d".formatted(n));
    }

    private static Endpoint endpoint(int n) {
        AuthRef auth = n % 2 == 0 ? new AuthRef.None()
                : new AuthRef.Bearer(new AuthRef.SecretRef("mcpulse/bench/team-" + (n % 20), Optional.empty()));
        Optional<Readiness> readiness = n % 3 == 0 ? Optional.of(new Readiness("ready", Map.of())) : Optional.empty();
        return new Endpoint(id(n), "Bench endpoint " + n,
                Map.of("team", "team-" + (n % 20), "env", n % 4 == 0 ? "staging" : "prod"),
                URI.create("http://127.0.0.1:9/mcp?e=" + n), Transport.AUTO, auth, Endpoint.DEFAULT_TIMEOUT, readiness,
                true);
    }

    /** Endpoint {@code n}'s simulated outcome: 90 % ok, 5 % timeouts, 5 % refused credentials (B4 and B7). */
    public static ProbeResult result(int n) {
        Latency latency = new Latency(Optional.of(12L), Optional.of(4L), Optional.of(3L), 25 + n % 50);
        ProbeOutcome outcome = switch (n % 20) {
            case 7 -> new ProbeOutcome.Timeout(ProbeStep.INITIALIZE, Endpoint.DEFAULT_TIMEOUT);
            case 13 -> new ProbeOutcome.AuthRejected(ProbeStep.INITIALIZE, 401, Optional.of("Bearer"),
                    Optional.of("invalid_token"));
            default -> new ProbeOutcome.Ok();
        };
        boolean reached = outcome instanceof ProbeOutcome.Ok;
        return new ProbeResult(outcome, Optional.of(reached ? 200 : 401), Optional.of(Era.LEGACY_STREAMABLE_HTTP),
                Optional.of("2025-11-25"), Optional.of("bench-server-" + (n % 8)), Optional.of("1.0.0"),
                reached ? Optional.of(3) : Optional.empty(),
                reached ? Optional.of("sha256:" + "0123456789abcdef".repeat(4)) : Optional.empty(),
                latency);
    }
}
