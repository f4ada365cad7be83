package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.CarriedEntries;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.ProbeShard;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The queue message between scheduler and probe, across the releases that added the cycle's shard count and the
 * carried entries.
 */
class ShardRequestTest {

    static final Instant CYCLE = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aShardWithItsCycleShardCountTravelsWholeAndHasABatchSlot() throws IOException {
        ProbeShard shard = new ProbeShard(CYCLE, 2, List.of(new EndpointId("a"), new EndpointId("b")),
                Duration.ofSeconds(4), Optional.of(7));
        JsonMapper json = JsonMapper.createDefault();

        ShardRequest read = json.readValue(json.writeValueAsString(ShardRequest.of(shard)), ShardRequest.class);

        assertThat(read.shardCount()).isEqualTo(7);
        assertThat(read.toShard()).contains(shard);
        assertThat(read.toShard().flatMap(ProbeShard::batchSlot)).contains(new CheckBatch.Slot(CYCLE, 2, 7));
    }

    @Test
    void aMessageFromThePreviousReleaseHasNoShardCountAndSoNoBatch() throws IOException {
        String previous = "{\"cycleStartedAt\":\"" + CYCLE + "\",\"shardIndex\":0,\"endpointIds\":[\"a\"],"
                + "\"startDelayMs\":0}";

        ShardRequest read = JsonMapper.createDefault().readValue(previous, ShardRequest.class);

        assertThat(read.shardCount()).isNull();
        assertThat(read.toShard()).map(ProbeShard::batchSlot).contains(Optional.empty());
        assertThat(read.toShard()).map(ProbeShard::endpointIds).contains(List.of(new EndpointId("a")));
    }

    @Test
    void aShardIndexOutsideItsShardCountIsNotAShard() {
        assertThat(new ShardRequest(CYCLE.toString(), 7, List.of("a"), 0, 7).toShard()).isEmpty();
    }

    /** Every kind of entry, every optional field set and unset, travels whole: the probe checks exactly what was read. */
    @Test
    void aShardCarryingItsEntriesTravelsWithEveryFieldOfEach() throws IOException {
        URI url = URI.create("https://mcp.example.com/mcp");
        List<Endpoint> entries = List.of(
                new Endpoint(new EndpointId("plain"), "plain", Map.of(), url, Transport.AUTO, new AuthRef.None(),
                        Endpoint.DEFAULT_TIMEOUT, Optional.empty(), true, Optional.empty()),
                new Endpoint(new EndpointId("full"), "Full one", Map.of("team", "search", "env", "prod"), url,
                        Transport.SSE, new AuthRef.Header("X-Api-Key", new SecretRef("arn:secret:team", Optional.of("full"))),
                        Duration.ofMillis(2500), Optional.of(new Readiness("search", Map.of("query", "ping", "limit", 3,
                                "ratio", 0.5, "strict", true, "tags", List.of("a", "b"), "nested", Map.of("k", "v")))),
                        true, Optional.of(Duration.ofMinutes(15))),
                new Endpoint(new EndpointId("bearer"), "b", Map.of(), url, Transport.STREAMABLE_HTTP,
                        new AuthRef.Bearer(new SecretRef("token", Optional.empty())), Endpoint.DEFAULT_TIMEOUT,
                        Optional.empty(), true, Optional.empty()),
                new Endpoint(new EndpointId("oauth"), "o", Map.of(), url, Transport.AUTO,
                        new AuthRef.OAuthClientCredentials("client-1", new SecretRef("key", Optional.empty()),
                                Optional.of("mcp:read"), AuthRef.TokenEndpointAuth.PRIVATE_KEY_JWT, Optional.of("ES256"),
                                Optional.of(URI.create("https://auth.example.com"))),
                        Endpoint.DEFAULT_TIMEOUT, Optional.empty(), true, Optional.empty()),
                new Endpoint(new EndpointId("oauth-min"), "m", Map.of(), url, Transport.AUTO,
                        new AuthRef.OAuthClientCredentials("client-2", new SecretRef("s", Optional.empty()),
                                Optional.empty(), AuthRef.TokenEndpointAuth.CLIENT_SECRET_BASIC, Optional.empty(),
                                Optional.empty()),
                        Endpoint.DEFAULT_TIMEOUT, Optional.empty(), true, Optional.empty()),
                new Endpoint(new EndpointId("discovery"), "d", Map.of(), url, Transport.AUTO,
                        new AuthRef.OAuthDiscovery(), Endpoint.DEFAULT_TIMEOUT, Optional.empty(), true,
                        Optional.empty()));
        Map<EndpointId, Endpoint> read = new HashMap<>();
        entries.forEach(entry -> read.put(entry.id(), entry));
        ProbeShard shard = new ProbeShard(CYCLE, 1, entries.stream().map(Endpoint::id).toList(), Duration.ZERO,
                Optional.of(4)).carrying(42, read);
        JsonMapper json = JsonMapper.createDefault();

        String body = json.writeValueAsString(ShardRequest.of(shard));
        Optional<ProbeShard> back = json.readValue(body, ShardRequest.class).toShard();

        assertThat(back).contains(shard);
        assertThat(back.flatMap(ProbeShard::entries)).map(CarriedEntries::registryVersion).contains(42L);
        assertThat(body).as("a secret is named, never valued").contains("arn:secret:team").doesNotContain("value");
    }

    /**
     * During a deploy a probe function may read a message from a newer scheduler: a field it does not know is left
     * aside, and the shard is probed as this release understands it (this release's own entries are such a field to
     * the release before).
     */
    @Test
    void aMessageWithAFieldThisReleaseDoesNotKnowIsStillAShard() throws IOException {
        String newer = "{\"cycleStartedAt\":\"" + CYCLE + "\",\"shardIndex\":0,\"endpointIds\":[\"a\"],"
                + "\"startDelayMs\":0,\"shardCount\":1,\"snapshots\":[{\"id\":\"a\"}]}";

        Optional<ProbeShard> shard = JsonMapper.createDefault().readValue(newer, ShardRequest.class).toShard();

        assertThat(shard).map(ProbeShard::endpointIds).contains(List.of(new EndpointId("a")));
    }

    /** A damaged copy costs a read of the entries, not the shard. */
    @Test
    void aShardWhoseCarriedEntryIsDamagedGoesWithoutEntriesAndIsStillAShard() throws IOException {
        String damaged = "{\"cycleStartedAt\":\"" + CYCLE + "\",\"shardIndex\":0,\"endpointIds\":[\"a\"],"
                + "\"startDelayMs\":0,\"registryVersion\":3,\"entries\":[{\"id\":\"a\",\"name\":\"a\","
                + "\"url\":\"https://x.example\",\"transport\":\"carrier-pigeon\",\"auth\":{\"type\":\"none\"},"
                + "\"timeoutMs\":1000,\"enabled\":true}]}";

        Optional<ProbeShard> shard = JsonMapper.createDefault().readValue(damaged, ShardRequest.class).toShard();

        assertThat(shard).map(ProbeShard::endpointIds).contains(List.of(new EndpointId("a")));
        assertThat(shard.flatMap(ProbeShard::entries)).isEmpty();
    }
}
