package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.CarriedEntries;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe function's work for one shard: take the endpoints the scheduler sent, or read them again when the registry
 * changed since it read them (one deleted or paused since the scheduler ran is skipped), read their secrets ahead in
 * as few calls as the store allows, then check them all (a shard that came late, behind others in its queue, leaves
 * out those checked since its cycle began). The shard's place in the jitter window
 * was already waited out by whatever handed it over (the queue's message delay on AWS), so no probe invocation is
 * billed for waiting.
 */
public final class ShardProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ShardProbe.class);
    /** The probe function's timeout (sam-template.yaml); the local runner gives each shard the same time. */
    public static final Duration INVOCATION_TIME = Duration.ofSeconds(60);
    /** Kept free at the end of an invocation for writing snapshots. */
    static final Duration WRITE_MARGIN = Duration.ofSeconds(5);

    private final EndpointRegistry registry;
    private final EndpointChecker checker;

    public ShardProbe(EndpointRegistry registry, EndpointChecker checker) {
        this.registry = registry;
        this.checker = checker;
    }

    /**
     * {@code skipped}: deleted or paused since the scheduler ran; {@code alreadyChecked}: left out by a late shard
     * because a check since its cycle began covers them (see {@link EndpointChecker#checkShard}); {@code entriesRead}:
     * whether the shard read its entries from the registry, rather than probing those the scheduler sent.
     */
    public record Report(int shardIndex, int requested, int probed, int skipped, int alreadyChecked, int connected,
                         boolean entriesRead) {
    }

    /** Whether the shard's queue hands it over for the first time, or again (a retry, or SQS's at-least-once). */
    public enum Delivery { FIRST, AGAIN }

    /** The shard's first hand-over: the local runner's and the benchmarks' only one. */
    public Report run(ProbeShard shard, Duration timeRemaining) {
        return run(shard, timeRemaining, Delivery.FIRST);
    }

    /**
     * @param timeRemaining what is left of the invocation: the probes, retries of probes spoiled by this process's own
     *                      overload included, may take it all but the margin kept for the writes
     */
    public Report run(ProbeShard shard, Duration timeRemaining, Delivery delivery) {
        Optional<Map<EndpointId, Endpoint>> carried = carriedAndCurrent(shard);
        List<Endpoint> endpoints = enabled(shard, carried.orElseGet(() -> registry.getAll(shard.endpointIds())));
        Optional<EndpointChecker.ShardTiming> firstDelivery = delivery == Delivery.AGAIN ? Optional.empty()
                : Optional.of(new EndpointChecker.ShardTiming(shard.cycleStartedAt(),
                        shard.cycleStartedAt().plus(shard.startDelay())));
        EndpointChecker.ShardChecks checks = checker.checkShard(endpoints, timeRemaining.minus(WRITE_MARGIN),
                shard.batchSlot(), firstDelivery);
        List<EndpointChecker.Checked> checked = checks.checked();
        int connected = (int) checked.stream().filter(c -> c.result().outcome().kind().connected()).count();
        return new Report(shard.shardIndex(), shard.endpointIds().size(), checked.size(),
                shard.endpointIds().size() - endpoints.size(), checks.alreadyChecked(), connected, carried.isEmpty());
    }

    /**
     * The shard's entries that still exist and are enabled, of those {@code found}: the ones it carries when no entry
     * was written since the scheduler read them (the registry's version is unchanged), else those read in one request
     * where the store allows, not one per id.
     */
    private static List<Endpoint> enabled(ProbeShard shard, Map<EndpointId, Endpoint> found) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (EndpointId id : shard.endpointIds()) {
            Optional<Endpoint> endpoint = Optional.ofNullable(found.get(id)).filter(Endpoint::enabled);
            if (endpoint.isPresent()) {
                endpoints.add(endpoint.get());
            } else {
                LOG.atInfo().addKeyValue("endpointId", id.value())
                        .log("endpoint skipped: deleted or paused since the scheduler ran");
            }
        }
        return endpoints;
    }

    /**
     * The carried entries, by id, if they are all the shard's and the registry's version is still the one read before
     * them. Checked once a shard: one small read instead of one per entry.
     */
    private Optional<Map<EndpointId, Endpoint>> carriedAndCurrent(ProbeShard shard) {
        if (shard.entries().isEmpty()) {
            return Optional.empty();
        }
        CarriedEntries carried = shard.entries().get();
        Map<EndpointId, Endpoint> byId = new HashMap<>();
        carried.entries().forEach(endpoint -> byId.put(endpoint.id(), endpoint));
        boolean current = byId.keySet().equals(Set.copyOf(shard.endpointIds()))
                && registry.version().equals(OptionalLong.of(carried.registryVersion()));
        return current ? Optional.of(byId) : Optional.empty();
    }
}
