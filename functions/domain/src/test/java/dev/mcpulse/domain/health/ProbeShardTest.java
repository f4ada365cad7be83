package dev.mcpulse.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A shard's carried entries follow its ids: the scheduler's read cut to the shard, and to a part of it. */
class ProbeShardTest {

    static final Instant CYCLE = Instant.now();

    static Endpoint endpoint(String id) {
        return new Endpoint(new EndpointId(id), id, Map.of(), URI.create("https://" + id + ".example.com/mcp"),
                Transport.AUTO, new AuthRef.None(), Endpoint.DEFAULT_TIMEOUT, Optional.empty(), true);
    }

    static Map<EndpointId, Endpoint> registryRead(String... ids) {
        Map<EndpointId, Endpoint> read = new HashMap<>();
        for (String id : ids) {
            read.put(new EndpointId(id), endpoint(id));
        }
        return read;
    }

    @Test
    void aShardCarriesTheEntriesOfItsOwnIdsInItsOrderAndNoOthers() {
        ProbeShard shard = new ProbeShard(CYCLE, 3, List.of(new EndpointId("c"), new EndpointId("a")), Duration.ZERO,
                Optional.of(8));

        ProbeShard carrying = shard.carrying(7, registryRead("a", "b", "c", "d"));

        assertThat(carrying.entries()).map(CarriedEntries::registryVersion).contains(7L);
        assertThat(carrying.entries().orElseThrow().entries()).extracting(Endpoint::id)
                .containsExactly(new EndpointId("c"), new EndpointId("a"));
        assertThat(carrying.withoutEntries()).isEqualTo(shard);
    }

    @Test
    void aPartOfAShardKeepsOnlyItsOwnCarriedEntriesAndTheVersion() {
        ProbeShard shard = new ProbeShard(CYCLE, 0, List.of(new EndpointId("a"), new EndpointId("b"),
                new EndpointId("c")), Duration.ofSeconds(4)).carrying(2, registryRead("a", "b", "c"));

        ProbeShard part = shard.onlyOf(List.of(new EndpointId("b")));

        assertThat(part.endpointIds()).containsExactly(new EndpointId("b"));
        assertThat(part.entries()).contains(new CarriedEntries(2, List.of(endpoint("b"))));
        assertThat(part.startDelay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(new ProbeShard(CYCLE, 0, List.of(new EndpointId("a")), Duration.ZERO)
                .onlyOf(List.of(new EndpointId("a"))).entries()).as("nothing carried, nothing made up").isEmpty();
    }
}
