package dev.mcpulse.probe;

import static dev.mcpulse.probe.TestEndpoints.endpoint;
import static dev.mcpulse.probe.TestEndpoints.shard;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.EndpointRegistry;
import dev.mcpulse.dynamodblocal.EmbeddedDynamoDb;
import dev.mcpulse.mcpservers.JavaSdkServers;
import dev.mcpulse.mcpservers.RunningServer;
import dev.mcpulse.secrets.ParameterStoreStandIn;
import dev.mcpulse.secrets.SecretsConfiguration;
import dev.mcpulse.secrets.SecretsManagerStandIn;
import dev.mcpulse.testsupport.ManualClock;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a probe shard costs in Secrets Manager calls, counted at a loopback stand-in of Secrets Manager that the probe
 * handler's real SDK client talks to: a shard of 25 endpoints over 7 secrets (some read by a JSON key), probing a
 * real MCP server that requires the token. The figures behind the cost model's Secrets Manager calls (docs/cost.md).
 */
class SecretReadsPerShardIT {

    static final Instant T0 = ManualClock.realNowToTheMinute();
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final String TOKEN = "canary-shard-secrets-token-9b61f0";
    static final int SHARD_SIZE = 25;
    static final int SECRETS = 7;

    private final List<AutoCloseable> started = new ArrayList<>();
    private SecretsManagerStandIn secretsManager;
    private ParameterStoreStandIn parameterStore;
    private ManualClock clock;
    private ApplicationContext context;
    private RunningServer locked;

    @BeforeEach
    void start() throws Exception {
        locked = started(JavaSdkServers.builder("locked", "1.0.0").standardTools().requireBearerToken(TOKEN).start());
        secretsManager = started(new SecretsManagerStandIn());
        parameterStore = started(new ParameterStoreStandIn());
        EmbeddedDynamoDb dynamoDb = started(EmbeddedDynamoDb.inMemory());
        clock = new ManualClock(T0);
        Map<String, Object> properties = new HashMap<>();
        properties.put("mcpulse.storage.dynamodb.table-name", dynamoDb.tableName());
        properties.put("mcpulse.probe.interval.seconds", String.valueOf(INTERVAL.toSeconds()));
        properties.put("mcpulse.local.mode", "true"); // the MCP server is on loopback
        properties.put("mcpulse.secrets.source", "aws");
        properties.put("mcpulse.secrets.endpoint", secretsManager.endpoint().toString());
        properties.put("mcpulse.secrets.parameter-store-endpoint", parameterStore.endpoint().toString());
        context = started(ApplicationContext.builder().properties(properties)
                .singletons(dynamoDb.client(), clock).start());
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** {@code SHARD_SIZE} endpoints named {@code prefix-NN}, endpoint i using secret {@code s<first + i % SECRETS>}. */
    private List<String> fleet(String prefix, int firstSecret) {
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        List<String> ids = IntStream.range(0, SHARD_SIZE).mapToObj(i -> String.format("%s-%02d", prefix, i)).toList();
        for (int i = 0; i < SHARD_SIZE; i++) {
            int secret = firstSecret + i % SECRETS;
            String secretId = "mcpulse/shard/s" + secret;
            Map<String, Object> auth = new HashMap<>(Map.of("type", "bearer", "secret", secretId));
            if (secret % 2 == 1) {
                secretsManager.put(secretId, "{\"token\":\"" + TOKEN + "\"}");
                auth.put("key", "token");
            } else {
                secretsManager.put(secretId, TOKEN);
            }
            registry.put(endpoint(Map.of("id", ids.get(i), "timeoutMs", 20_000, "url", locked.url().toString(),
                    "auth", auth)));
        }
        return ids;
    }

    @Test
    void aShardsSecretsCostOneCallColdNoneWarmAndOneAgainOncePerTtl() {
        List<String> shardA = fleet("a", 0);

        ShardSummary cold = probe(T0, shardA);
        assertThat(cold.connected()).isEqualTo(SHARD_SIZE);
        assertThat(secretsManager.calls()).as("cold: every call").isEqualTo(1);
        assertThat(secretsManager.calls("BatchGetSecretValue")).isEqualTo(1);

        ShardSummary warm = probe(T0.plus(INTERVAL), shardA);
        assertThat(warm.connected()).isEqualTo(SHARD_SIZE);
        assertThat(secretsManager.calls()).as("warm: no call").isEqualTo(1);

        // Another shard in this container, sharing two of its seven secrets: only the five not cached are read.
        List<String> shardB = fleet("b", 5);
        assertThat(probe(T0.plus(INTERVAL), shardB).connected()).isEqualTo(SHARD_SIZE);
        assertThat(secretsManager.calls()).isEqualTo(2);
        assertThat(secretsManager.count("BatchGetSecretValue", "mcpulse/shard/s5")).isEqualTo(1);
        assertThat(secretsManager.count("BatchGetSecretValue", "mcpulse/shard/s11")).isEqualTo(1);

        // Past the TTL: the seven secrets read together went stale together, and one call reads them again.
        Instant afterTtl = T0.plus(SecretsConfiguration.DEFAULT_CACHE_TTL).plus(INTERVAL);
        assertThat(probe(afterTtl, shardA).connected()).isEqualTo(SHARD_SIZE);
        assertThat(secretsManager.calls()).isEqualTo(3);
        assertThat(secretsManager.calls("GetSecretValue") + secretsManager.calls("DescribeSecret")).isZero();

        System.out.println("FIGURES Secrets Manager calls per shard: " + SHARD_SIZE + " endpoints over " + SECRETS
                + " secrets: 1 BatchGetSecretValue call cold, 0 warm, 1 again past the TTL ("
                + SecretsConfiguration.DEFAULT_CACHE_TTL + "); a second shard sharing 2 of its 7 secrets: 1 call"
                + " for the other 5; no GetSecretValue or DescribeSecret");
    }

    /**
     * The README's advice for a large fleet: many endpoints' tokens in one JSON secret, each endpoint naming its own
     * with {@code key}. One secret read serves the whole shard, and each endpoint still gets its own token: two
     * servers, each accepting only its own, both answer every endpoint of theirs.
     */
    @Test
    void endpointsWhoseTokensShareOneJsonSecretCostOneReadAndEachGetsItsOwnToken() throws Exception {
        String alphaToken = "canary-shared-alpha-token-4c2e8a";
        String betaToken = "canary-shared-beta-token-7d19b3";
        RunningServer alpha = started(JavaSdkServers.builder("alpha", "1.0.0").standardTools()
                .requireBearerToken(alphaToken).start());
        RunningServer beta = started(JavaSdkServers.builder("beta", "1.0.0").standardTools()
                .requireBearerToken(betaToken).start());
        String secretId = "mcpulse/team/tools";
        secretsManager.put(secretId, "{\"alpha\":\"" + alphaToken + "\",\"beta\":\"" + betaToken + "\"}");
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SHARD_SIZE; i++) {
            boolean toAlpha = i % 2 == 0;
            String key = toAlpha ? "alpha" : "beta";
            String id = String.format("shared-%02d", i);
            registry.put(endpoint(Map.of("id", id, "timeoutMs", 20_000,
                    "url", (toAlpha ? alpha : beta).url().toString(),
                    "auth", Map.of("type", "bearer", "secret", secretId, "key", key))));
            ids.add(id);
        }

        ShardSummary summary = probe(T0, ids);

        assertThat(summary.connected()).isEqualTo(SHARD_SIZE);
        assertThat(secretsManager.calls()).as("one call for the shard").isEqualTo(1);
        assertThat(secretsManager.count("BatchGetSecretValue", secretId)).isEqualTo(1);
    }

    /**
     * The same shard with its tokens in Parameter Store ({@code ssm:} references): 7 parameters read in one
     * {@code GetParameters} call cold (ten to a call), none warm, and no Secrets Manager call at all.
     */
    @Test
    void aShardsParametersCostOneGetParametersCallColdAndNoneWarm() {
        EndpointRegistry registry = context.getBean(EndpointRegistry.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SHARD_SIZE; i++) {
            String name = "/mcpulse/shard/p" + i % SECRETS;
            parameterStore.put(name, "{\"token\":\"" + TOKEN + "\"}");
            String id = String.format("ssm-%02d", i);
            registry.put(endpoint(Map.of("id", id, "timeoutMs", 20_000, "url", locked.url().toString(),
                    "auth", Map.of("type", "bearer", "secret", "ssm:" + name, "key", "token"))));
            ids.add(id);
        }

        assertThat(probe(T0, ids).connected()).isEqualTo(SHARD_SIZE);
        assertThat(probe(T0.plus(INTERVAL), ids).connected()).isEqualTo(SHARD_SIZE);

        assertThat(parameterStore.calls("GetParameters")).isEqualTo(1);
        assertThat(parameterStore.calls("GetParameter")).isZero();
        assertThat(parameterStore.everyCallDecrypted()).isTrue();
        assertThat(secretsManager.calls()).isZero();
    }

    private ShardSummary probe(Instant cycleStart, List<String> ids) {
        clock.set(cycleStart);
        return new ProbeHandler(context).probe(shard(cycleStart, ids));
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.add(resource);
        return resource;
    }
}
