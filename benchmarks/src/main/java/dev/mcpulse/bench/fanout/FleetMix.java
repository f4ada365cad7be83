package dev.mcpulse.bench.fanout;

import dev.mcpulse.bench.fleet.FleetServers;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.EndpointParser;
import dev.mcpulse.domain.endpoint.UrlPolicy;
import dev.mcpulse.domain.health.OutcomeKind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out fleet of issue #7: of every 20 endpoints, 18 healthy, one black hole (accepts TCP, never answers) and
 * one answering 401 — 90/5/5 % — interleaved by id, so every shard of the scheduler (consecutive ids) holds the mix
 * as a real fleet's shards would, and any prefix of 20k ids holds exactly the fleet's proportions. Half of the 401
 * endpoints send no token, half a wrong one. Every probe has the same deadline.
 */
public final class FleetMix {

    /** The probe deadline of every endpoint ({@code timeoutMs}). */
    public static final Duration DEADLINE = Duration.ofSeconds(2);
    /** The secret the "wrong token" endpoints reference; its value is not the fleet's token. */
    public static final String WRONG_TOKEN_SECRET = "bench/wrong-token";
    static final int PERIOD = 20;
    private static final String ID_PREFIX = "fanout-";

    public enum Category {
        HEALTHY(OutcomeKind.OK), BLACKHOLE(OutcomeKind.TIMEOUT), UNAUTHORIZED(OutcomeKind.AUTH_REJECTED);

        private final OutcomeKind expected;

        Category(OutcomeKind expected) {
            this.expected = expected;
        }

        /** The outcome a probe of such an endpoint must end with. */
        public OutcomeKind expected() {
            return expected;
        }
    }

    private FleetMix() {
    }

    public static Category category(int index) {
        return switch (index % PERIOD) {
            case 0 -> Category.BLACKHOLE;
            case 1 -> Category.UNAUTHORIZED;
            default -> Category.HEALTHY;
        };
    }

    /** The category of an endpoint made by {@link #endpoints}, from its id. */
    public static Category category(EndpointId id) {
        if (!id.value().startsWith(ID_PREFIX)) {
            throw new IllegalArgumentException(id + " is not an endpoint of the fan-out fleet");
        }
        return category(Integer.parseInt(id.value().substring(ID_PREFIX.length())));
    }

    public static EndpointId id(int index) {
        return new EndpointId(ID_PREFIX + "%06d".formatted(index));
    }

    /** How many endpoints of each category a fleet of {@code size} holds. */
    public static Map<Category, Integer> counts(int size) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            counts.put(category, 0);
        }
        for (int i = 0; i < size; i++) {
            counts.merge(category(i), 1, Integer::sum);
        }
        return counts;
    }

    /** The registry entries, validated as the API would (local URL policy: loopback and plain http). */
    public static List<Endpoint> endpoints(int size, FleetServers fleet) {
        EndpointParser parser = new EndpointParser(UrlPolicy.local());
        List<Endpoint> endpoints = new ArrayList<>(size);
        for (Map<String, Object> entry : entries(size, fleet)) {
            endpoints.add(switch (parser.parse(entry)) {
                case EndpointParser.Result.Valid valid -> valid.endpoint();
                case EndpointParser.Result.Invalid invalid ->
                        throw new IllegalStateException("bench endpoint " + entry + " is invalid: " + invalid.errors());
            });
        }
        return endpoints;
    }

    /** The same entries as a fleet file holds them: {@code id}, {@code url}, {@code timeoutMs}, maybe {@code auth}. */
    public static List<Map<String, Object>> entries(int size, FleetServers fleet) {
        List<Map<String, Object>> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id(i).value());
            entry.put("timeoutMs", DEADLINE.toMillis());
            URI url = switch (category(i)) {
                case HEALTHY -> fleet.healthy(i);
                case BLACKHOLE -> fleet.blackhole(i);
                case UNAUTHORIZED -> fleet.unauthorized(i);
            };
            entry.put("url", url.toString());
            if (category(i) == Category.UNAUTHORIZED && (i / PERIOD) % 2 == 1) {
                entry.put("auth", Map.of("type", "bearer", "secret", WRONG_TOKEN_SECRET));
            }
            entries.add(entry);
        }
        return entries;
    }
}
