package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShardProbeTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final InMemoryEndpointRegistry registry = new InMemoryEndpointRegistry();
    final InMemorySnapshotStore store = new InMemorySnapshotStore();
    final ManualClock clock = new ManualClock(T0);
    final List<EndpointId> probed = new ArrayList<>();

    ShardProbe shardProbe() {
        EndpointChecker checker = new EndpointChecker(new MapSecretResolver(Map.of()), (endpoint, credential) -> {
            synchronized (probed) {
                probed.add(endpoint.id());
            }
            return CompletableFuture.completedFuture(ok());
        }, store, new StatusPolicy(clock), change -> { }, clock, INTERVAL);
        return new ShardProbe(registry, checker);
    }

    @Test
    void probesTheShardsEndpointsAndSkipsThoseDeletedOrPausedSince() {
        Endpoint a = endpoint("a");
        Endpoint paused = new Endpoint(new EndpointId("paused"), "p", Map.of(), a.url(), a.transport(), a.auth(),
                a.timeout(), a.readiness(), false);
        registry.put(a);
        registry.put(paused);
        var shard = new ProbeShard(T0, 0, List.of(a.id(), paused.id(), new EndpointId("deleted")), Duration.ZERO);

        ShardProbe.Report report = shardProbe().run(shard, ShardProbe.INVOCATION_TIME);

        assertThat(probed).containsExactly(a.id());
        assertThat(report).isEqualTo(new ShardProbe.Report(0, 3, 1, 2, 1));
        assertThat(store.latest(a.id())).isPresent();
    }
}
