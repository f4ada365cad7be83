package dev.mcpulse.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CheckBatch;
import dev.mcpulse.domain.health.ProbeShard;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The queue message between scheduler and probe, across the release that added the cycle's shard count. */
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
}
