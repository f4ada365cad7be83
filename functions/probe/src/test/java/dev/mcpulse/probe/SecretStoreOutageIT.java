package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static dev.mcpulse.probe.TestEndpoints.shard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.domain.port.SnapshotStore;
import dev.mcpulse.domain.service.FleetQuery;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.secrets.SecretsManagerStandIn;
import dev.mcpulse.testsupport.ManualClock;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault: Secrets Manager answers throttling, 5xx and AccessDenied for a while. The probe handler resolves secrets
 * with the real SDK client against a loopback stand-in of Secrets Manager, and probes a real MCP server that requires
 * the token. Each shard asks for its secrets in one BatchGetSecretValue call, which the outage fails as a whole, so
 * each secret is then read alone. Endpoints whose secret could not be read are {@code auth_missing} with a reason
 * that names the store's answer; a secret read before the outage keeps being used; and every endpoint is connected
 * again on the first cycle after the store recovers — however many cycles the outage lasted.
 */
class SecretStoreOutageIT {

    static final Instant T0 = ManualClock.realNowToTheMinute();
    static final Duration INTERVAL = Duration.ofSeconds(60);
    static final String TOKEN = "canary-secret-store-token-4d7e21";
    static final int ATTEMPTS = 2;
    static final List<String> FLEET = List.of("throttled-a", "throttled-b", "broken", "denied", "steady", "open");
    static final Map<String, String> SECRET_OF = Map.of("throttled-a", "mcpulse/throttled", "throttled-b",
            "mcpulse/throttled", "broken", "mcpulse/broken", "denied", "mcpulse/denied", "steady", "mcpulse/steady");

    private final List<AutoCloseable> started = new ArrayList<>();
    private SecretsManagerStandIn secretsManager;
    private ManualClock clock;
    private ApplicationContext context;

    @BeforeEach
    void start() throws Exception {
        RunningServer locked = started(JavaSdkServers.builder("locked", "1.0.0").standardTools()
                .requireBearerToken(TOKEN).start());
        RunningServer open = started(JavaSdkServers.builder("open", "1.0.0").standardTools().start());
        secretsManager = started(new SecretsManagerStandIn());
        SECRET_OF.values().forEach(secretId -> secretsManager.put(secretId, TOKEN));
        EmbeddedDynamoDb dynamoDb = started(EmbeddedDynamoDb.inMemory());
        clock = new ManualClock(T0);
        Map<String, Object> properties = new HashMap<>();
        properties.put("mcpulse.storage.dynamodb.table-name", dynamoDb.tableName());
        properties.put("mcpulse.probe.interval.seconds", String.valueOf(INTERVAL.toSeconds()));
        properties.put("mcpulse.local.mode", "true"); // the MCP servers are on loopback
        properties.put("mcpulse.secrets.source", "aws");
        properties.put("mcpulse.secrets.endpoint", secretsManager.endpoint().toString());
        properties.put("mcpulse.secrets.max-attempts", String.valueOf(ATTEMPTS));
        properties.put("mcpulse.secrets.retry-base-delay", "5ms");
        properties.put("mcpulse.secrets.throttling-base-delay", "5ms");
        properties.put("mcpulse.secrets.max-backoff", "20ms");
        context = started(ApplicationContext.builder().properties(properties)
                .singletons(dynamoDb.client(), clock).start());
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        for (String id : FLEET) {
            // A generous deadline: on a busy machine a first probe can take seconds.
            Map<String, Object> entry = new HashMap<>(Map.of("id", id, "timeoutMs", 20_000,
                    "url", (SECRET_OF.containsKey(id) ? locked : open).url().toString()));
            if (SECRET_OF.containsKey(id)) {
                entry.put("auth", Map.of("type", "bearer", "secret", SECRET_OF.get(id)));
            }
            registry.put(endpoint(entry));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void endpointsWhoseSecretCannotBeReadAreAuthMissingSayingWhyAndRecoverOnTheFirstCycleAfterTheOutage() {
        // Before the outage this container has read only the steady endpoint's secret: one batch call.
        ShardSummary warmUp = probe(T0, List.of("steady", "open"));
        assertThat(warmUp.connected()).isEqualTo(2);
        assertThat(secretsManager.calls()).isEqualTo(1);
        assertThat(secretsManager.calls("BatchGetSecretValue")).isEqualTo(1);

        // The outage: every secret's read fails, three cycles long.
        secretsManager.fail("mcpulse/throttled", 400, "ThrottlingException");
        secretsManager.fail("mcpulse/broken", 503, "ServiceUnavailable");
        secretsManager.fail("mcpulse/denied", 400, "AccessDeniedException");
        secretsManager.fail("mcpulse/steady", 500, "InternalServiceError");
        for (int cycle = 1; cycle <= 3; cycle++) {
            ShardSummary summary = probe(T0.plus(INTERVAL.multipliedBy(cycle)), FLEET);

            assertThat(summary.probed()).isEqualTo(6);
            assertThat(summary.connected()).as("cycle %d", cycle).isEqualTo(2);
            assertThat(lastError("throttled-a")).isEqualTo("secret not available: secret store unavailable: Secrets "
                    + "Manager throttled the read of secret mcpulse/throttled (ThrottlingException, HTTP 400)");
            assertThat(lastError("throttled-b")).isEqualTo(lastError("throttled-a"));
            assertThat(lastError("broken")).isEqualTo("secret not available: secret store unavailable: Secrets "
                    + "Manager could not serve secret mcpulse/broken (ServiceUnavailable, HTTP 503)");
            // A refusal is not an outage of the store: it says so, and is auth_missing all the same.
            assertThat(lastError("denied")).isEqualTo("secret not available: reading secret mcpulse/denied was "
                    + "denied (AccessDeniedException, HTTP 400)");
            assertThat(statuses()).containsEntry("throttled-a", "unhealthy/auth_missing")
                    .containsEntry("throttled-b", "unhealthy/auth_missing")
                    .containsEntry("broken", "unhealthy/auth_missing")
                    .containsEntry("denied", "unhealthy/auth_missing")
                    // the value read before the outage is still used; no secret needed, nothing to read
                    .containsEntry("steady", "connected/ok")
                    .containsEntry("open", "connected/ok");
            // Each cycle asks the store again: the shard's secrets not cached in one batch call (refused, throttled,
            // so retried by the SDK), then each alone — once per secret, however many endpoints share it. The
            // steady secret, cached before, is in neither.
            assertThat(secretsManager.calls("BatchGetSecretValue")).isEqualTo(1 + (long) cycle * ATTEMPTS);
            assertThat(secretsManager.count("BatchGetSecretValue", "mcpulse/steady")).isEqualTo(1);
            assertThat(secretsManager.count("GetSecretValue", "mcpulse/throttled")).isEqualTo((long) cycle * ATTEMPTS);
            assertThat(secretsManager.count("GetSecretValue", "mcpulse/broken")).isEqualTo((long) cycle * ATTEMPTS);
            assertThat(secretsManager.count("GetSecretValue", "mcpulse/denied")).isEqualTo(cycle);
            assertThat(secretsManager.calls("GetSecretValue")).isEqualTo((long) cycle * (2 * ATTEMPTS + 1));
            assertThat(secretsManager.calls("DescribeSecret")).isZero();
        }

        // The store answers again: the very next cycle connects every endpoint, its three secrets read in one call.
        SECRET_OF.values().forEach(secretsManager::heal);
        long before = secretsManager.calls();
        ShardSummary recovered = probe(T0.plus(INTERVAL.multipliedBy(4)), FLEET);

        assertThat(recovered.connected()).isEqualTo(6);
        assertThat(secretsManager.calls() - before).isEqualTo(1);
        assertThat(statuses().values()).containsOnly("connected/ok");
        SnapshotStore snapshots = context.getBean(SnapshotStore.class);
        for (String id : FLEET) {
            HealthSnapshot snapshot = snapshots.latest(new EndpointId(id)).orElseThrow();
            assertThat(snapshot.outcome()).isEqualTo(OutcomeKind.OK);
            assertThat(snapshot.consecutiveFailures()).isZero();
            assertThat(String.valueOf(snapshot)).doesNotContain(TOKEN);
        }
        assertThat(snapshots.history(new EndpointId("throttled-a"), 10)).extracting(h -> h.outcome())
                .containsExactly(OutcomeKind.OK, OutcomeKind.AUTH_MISSING, OutcomeKind.AUTH_MISSING, OutcomeKind.AUTH_MISSING);
        System.out.println("FIGURES secret store outage: 3 cycles of throttling/503/AccessDenied/500 -> 4/6 endpoints"
                + " auth_missing each cycle (2 connected: a secret read before, no secret), per cycle 1 batch read"
                + " refused then 1 read per secret; first cycle after recovery: 6/6 connected, 1 batch read");
    }

    private ShardSummary probe(Instant cycleStart, List<String> ids) {
        clock.set(cycleStart);
        return new ProbeHandler(context).probe(shard(cycleStart, ids));
    }

    private String lastError(String id) {
        return context.getBean(SnapshotStore.class).latest(new EndpointId(id)).orElseThrow().lastError().orElseThrow();
    }

    private Map<String, String> statuses() {
        return context.getBean(FleetQuery.class).list(FleetQuery.Filter.NONE).endpoints().stream()
                .collect(Collectors.toMap(v -> v.endpoint().id().value(),
                        v -> v.status().status().code() + "/" + v.status().reason().code()));
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }
}
