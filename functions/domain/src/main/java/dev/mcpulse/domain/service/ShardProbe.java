package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.ProbeShard;
import dev.mcpulse.domain.port.EndpointRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe function's work for one shard: wait out the shard's place in the jitter window (never so long that
 * the probes could overrun the invocation), reload the endpoints (one deleted or paused since the scheduler ran
 * is skipped), then check them all.
 */
public final class ShardProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ShardProbe.class);
    /** The probe function's timeout (sam-template.yaml); the local runner gives each shard the same time. */
    public static final Duration INVOCATION_TIME = Duration.ofSeconds(120);
    /** Kept free at the end of an invocation for writing snapshots. */
    static final Duration WRITE_MARGIN = Duration.ofSeconds(5);

    private final EndpointRegistry registry;
    private final EndpointChecker checker;
    private final Sleeper sleeper;

    /** How to wait; a port so that tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    public ShardProbe(EndpointRegistry registry, EndpointChecker checker, Sleeper sleeper) {
        this.registry = registry;
        this.checker = checker;
        this.sleeper = sleeper;
    }

    public record Report(int shardIndex, int requested, int probed, int skipped, int connected, Duration waited) {
    }

    public Report run(ProbeShard shard, Duration timeRemaining) {
        List<Endpoint> endpoints = enabledEntries(shard, false);
        Duration wait = boundedWait(shard.startDelay(), timeRemaining, endpoints);
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the shard's start", e);
            }
            // Probe the entries as they are now. One changed or deleted during the wait would otherwise be probed for
            // a target it no longer names, and its check, made after the change, would not even be refused.
            endpoints = enabledEntries(shard, true);
        }
        // The probes may take what is left of the invocation after the wait and the writes (retries included).
        List<EndpointChecker.Checked> checked = checker.checkAll(endpoints,
                timeRemaining.minus(wait).minus(WRITE_MARGIN));
        int connected = (int) checked.stream().filter(c -> c.result().outcome().kind().connected()).count();
        return new Report(shard.shardIndex(), shard.endpointIds().size(), checked.size(),
                shard.endpointIds().size() - endpoints.size(), connected, wait);
    }

    /** The shard's entries that still exist and are enabled: one read where the store allows, not one per id. */
    private List<Endpoint> enabledEntries(ProbeShard shard, boolean quiet) {
        Map<EndpointId, Endpoint> found = registry.getAll(shard.endpointIds());
        List<Endpoint> endpoints = new ArrayList<>();
        for (EndpointId id : shard.endpointIds()) {
            Optional<Endpoint> endpoint = Optional.ofNullable(found.get(id)).filter(Endpoint::enabled);
            if (endpoint.isPresent()) {
                endpoints.add(endpoint.get());
            } else if (!quiet) {
                LOG.atInfo().addKeyValue("endpointId", id.value())
                        .log("endpoint skipped: deleted or paused since the scheduler ran");
            }
        }
        return endpoints;
    }

    /** The jitter delay, shortened so that the longest probe plus the writes still fit the time left. */
    static Duration boundedWait(Duration requested, Duration timeRemaining, List<Endpoint> endpoints) {
        Duration longestProbe = endpoints.stream().map(Endpoint::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
        Duration room = timeRemaining.minus(longestProbe).minus(WRITE_MARGIN);
        if (room.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(room) > 0 ? room : requested;
    }
}
