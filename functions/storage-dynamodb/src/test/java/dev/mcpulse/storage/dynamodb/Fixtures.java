package dev.mcpulse.storage.dynamodb;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.CycleRecord;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.FleetCounts;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.HistoryEntry;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.Status;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Domain values for the storage tests, with every optional field filled in one variant and empty in another. */
final class Fixtures {

    /**
     * The stores' tests start from the real now (with nanoseconds, which the stores must keep): DynamoDB Local
     * deletes history whose TTL has passed, so an instant pinned to a past date loses items mid-test.
     */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusNanos(123_456_789);

    /** For the mappers' exact-text assertions: a mapper keeps no item, so nothing it sees can expire. */
    static final Instant FIXED = Instant.parse("2026-11-22T10:00:00.123456789Z");

    private Fixtures() {
    }

    static EndpointId id(String value) {
        return new EndpointId(value);
    }

    static Endpoint minimalEndpoint(String id) {
        return new Endpoint(id(id), id, Map.of(), URI.create("https://" + id + ".example.com/mcp"), Transport.AUTO,
                new AuthRef.None(), Endpoint.DEFAULT_TIMEOUT, Optional.empty(), true);
    }

    static Endpoint fullEndpoint(String id) {
        return new Endpoint(id(id), "Full " + id, Map.of("team", "payments", "env", "prod"),
                URI.create("https://mcp.example.com/" + id + "?tenant=a"), Transport.STREAMABLE_HTTP,
                new AuthRef.Header("X-Api-Key", new AuthRef.SecretRef("mcpulse/prod/" + id, Optional.of("apiKey"))),
                Duration.ofMillis(8_000),
                Optional.of(new Readiness("get_me", Map.of("owner", "octo", "limit", 5, "big", 12_345_678_901L,
                        "ratio", 0.25, "strict", true, "tags", List.of("a", "b"), "filter", Map.of("state", "open")))),
                false, Optional.of(Duration.ofMinutes(15)));
    }

    static Endpoint bearerEndpoint(String id) {
        return new Endpoint(id(id), id, Map.of(), URI.create("https://" + id + ".example.com/sse"), Transport.SSE,
                new AuthRef.Bearer(new AuthRef.SecretRef("arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf",
                        Optional.empty())),
                Duration.ofSeconds(30), Optional.of(new Readiness("ping_tool", Map.of())), true);
    }

    static HealthSnapshot okSnapshot(EndpointId id, Instant checkedAt) {
        return new HealthSnapshot(id, checkedAt, OutcomeKind.OK, Optional.empty(), Optional.of(200), Optional.empty(),
                Optional.of(12), Optional.of("sha256:abc"), Optional.of(checkedAt.minusSeconds(3600)),
                Optional.of(Era.MODERN), Optional.of("2026-07-28"), Optional.of("everything"), Optional.of("1.2.3"),
                new Latency(Optional.of(40L), Optional.of(25L), Optional.of(80L), 150L), 0, 0, Optional.of(checkedAt),
                checkedAt.plusSeconds(300));
    }

    static HealthSnapshot failedSnapshot(EndpointId id, Instant checkedAt, int consecutiveFailures) {
        return new HealthSnapshot(id, checkedAt, OutcomeKind.AUTH_REJECTED, Optional.of(ProbeStep.INITIALIZE),
                Optional.of(401), Optional.of("initialize answered 401 (Bearer error=\"invalid_token\")"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Latency.total(31), consecutiveFailures, consecutiveFailures,
                Optional.empty(), checkedAt.plusSeconds(600));
    }

    static HistoryEntry history(EndpointId id, Instant checkedAt) {
        return new HistoryEntry(id, checkedAt, OutcomeKind.OK, Optional.of(200), 150);
    }

    static CycleRecord cycle(Instant startedAt, int due) {
        return new CycleRecord(startedAt, 10, due, 10 - due, (due + 24) / 25);
    }

    /** A cycle with the fleet's summary it counted: {@code connected} of 10 connected, the rest unconnected. */
    static CycleRecord countedCycle(Instant startedAt, int connected) {
        return new CycleRecord(startedAt, 10, 10, 0, 1, Optional.of(new FleetCounts(10,
                Map.of(Status.CONNECTED, connected, Status.CONFIGURED_BUT_UNCONNECTED, 10 - connected), 10 - connected)));
    }
}
