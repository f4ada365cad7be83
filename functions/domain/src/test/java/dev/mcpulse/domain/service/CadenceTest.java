package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.health.StatusReason;
import dev.mcpulse.domain.memory.InMemoryCycleLog;
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

/** Per-endpoint cadence (issue 9): an endpoint may be probed less often than the fleet, and is judged by its own pace. */
class CadenceTest {

    static final Duration SCHEDULE = Duration.ofMinutes(5);

    @Test
    void aFifteenMinuteEndpointInAFiveMinuteScheduleIsDispatchedEveryThirdCycleAndNeverStaleInBetween() {
        var clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
        var registry = new InMemoryEndpointRegistry();
        var snapshots = new InMemorySnapshotStore();
        var policy = new StatusPolicy(clock);
        var checker = new EndpointChecker(new MapSecretResolver(Map.of()),
                (endpoint, credential) -> CompletableFuture.completedFuture(ok()), snapshots, policy,
                change -> { }, clock, SCHEDULE);
        var shardProbe = new ShardProbe(registry, checker);
        List<List<EndpointId>> dispatchedPerCycle = new ArrayList<>();
        var scheduler = new Scheduler(registry, snapshots, shard -> {
            dispatchedPerCycle.getLast().addAll(shard.endpointIds());
            clock.advance(Duration.ofSeconds(3)); // probes finish a few seconds into the cycle
            shardProbe.run(shard, ShardProbe.INVOCATION_TIME);
        }, new InMemoryCycleLog(), clock, new Scheduler.Settings(SCHEDULE, 25, Duration.ZERO));
        var query = new FleetQuery(registry, snapshots, new InMemoryCycleLog(), policy, clock, SCHEDULE,
                StatusPolicy.DEFAULT_GRACE);
        EndpointParser parser = new EndpointParser(UrlPolicy.cloud(), SCHEDULE);
        Endpoint slow = valid(parser.parse(Map.of("id", "quarterly", "url", "https://q.example.com/mcp", "intervalSeconds", 900)));
        Endpoint regular = valid(parser.parse(Map.of("id", "regular", "url", "https://r.example.com/mcp")));
        registry.put(slow);
        registry.put(regular);
        Instant start = clock.instant();

        List<StatusReason> slowReasonsBetweenCycles = new ArrayList<>();
        for (int cycle = 0; cycle < 12; cycle++) {
            clock.advance(Duration.between(clock.instant(), start.plus(SCHEDULE.multipliedBy(cycle))));
            dispatchedPerCycle.add(new ArrayList<>());
            scheduler.runCycle();
            clock.advance(Duration.ofMinutes(4)); // just before the next cycle
            slowReasonsBetweenCycles.add(query.get(slow.id()).orElseThrow().status().reason());
        }

        List<Integer> slowCycles = new ArrayList<>();
        for (int cycle = 0; cycle < dispatchedPerCycle.size(); cycle++) {
            if (dispatchedPerCycle.get(cycle).contains(slow.id())) {
                slowCycles.add(cycle);
            }
            assertThat(dispatchedPerCycle.get(cycle)).as("cycle %d", cycle).contains(regular.id());
        }
        assertThat(slowCycles).containsExactly(0, 3, 6, 9);
        assertThat(slowReasonsBetweenCycles).containsOnly(StatusReason.OK);
    }

    @Test
    void anIntervalBelowTheSchedulesRateIsRefusedNamingBoth() {
        var result = new EndpointParser(UrlPolicy.cloud(), SCHEDULE)
                .parse(Map.of("id", "eager", "url", "https://e.example.com/mcp", "intervalSeconds", 60));

        assertThat(result).isInstanceOfSatisfying(EndpointParser.Result.Invalid.class, invalid ->
                assertThat(invalid.errors()).singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("intervalSeconds");
                    assertThat(error.message()).contains("number 60", "scheduler's interval of 300 s",
                            "MCPULSE_PROBE_INTERVAL_SECONDS");
                }));
    }

    @Test
    void anIntervalMustBeAWholeNumberOfSeconds() {
        var result = new EndpointParser(UrlPolicy.cloud(), SCHEDULE)
                .parse(Map.of("id", "odd", "url", "https://o.example.com/mcp", "intervalSeconds", "15m"));

        assertThat(result).isInstanceOf(EndpointParser.Result.Invalid.class);
    }

    static Endpoint valid(EndpointParser.Result result) {
        return ((EndpointParser.Result.Valid) result).endpoint();
    }
}
