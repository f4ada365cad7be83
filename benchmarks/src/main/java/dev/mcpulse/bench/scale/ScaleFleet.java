package dev.mcpulse.bench.scale;

import dev.mcpulse.bench.api.FleetSeeder;
import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Readiness;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.port.Prober;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * B7's fleet: endpoint {@code n} has labels {@code team=team-<n mod 20>} and {@code env}, half a bearer secret
 * reference, a third a readiness tool. Its probes answer at once (no server is dialled: B7 measures the store, the
 * scheduler and the API, not probing): 90 % ok, 5 % timeouts (not connected), 5 % refused credentials — the 5 %
 * unhealthy the filtered page looks for.
 */
final class ScaleFleet {

    static final int TEAMS = 20;
    /** The label filter's team: 1 endpoint in {@value #TEAMS}. */
    static final String LABEL_FILTER = "team:team-3";

    private ScaleFleet() {
    }

    static EndpointId id(int n) {
        return new EndpointId("scale-%06d".formatted(n));
    }

    static int index(EndpointId id) {
        return Integer.parseInt(id.value().substring("scale-".length()));
    }

    static Endpoint endpoint(int n) {
        AuthRef auth = n % 2 == 0 ? new AuthRef.None()
                : new AuthRef.Bearer(new AuthRef.SecretRef("mcpulse/bench/team-" + (n % TEAMS), Optional.empty()));
        Optional<Readiness> readiness = n % 3 == 0 ? Optional.of(new Readiness("ready", Map.of())) : Optional.empty();
        return new Endpoint(id(n), "Scale endpoint " + n,
                Map.of("team", "team-" + (n % TEAMS), "env", n % 4 == 0 ? "staging" : "prod"),
                URI.create("https://mcp-" + n + ".example.com/mcp"), Transport.AUTO, auth, Endpoint.DEFAULT_TIMEOUT,
                readiness, true);
    }

    /** The secrets the endpoints' bearer references name, so that their probes are made (not auth_missing). */
    static Map<String, String> secrets() {
        Map<String, String> secrets = new java.util.HashMap<>();
        for (int team = 0; team < TEAMS; team++) {
            secrets.put("mcpulse/bench/team-" + team, "bench-token-" + team);
        }
        return secrets;
    }

    /** A prober that answers at once with endpoint {@code n}'s outcome; it never dials. */
    static Prober prober() {
        return (endpoint, credential) -> CompletableFuture.completedFuture(result(index(endpoint.id())));
    }

    /** Endpoint {@code n}'s outcome: B4's fleet answers the same (90 % ok, 5 % timeouts, 5 % refused). */
    static ProbeResult result(int n) {
        return FleetSeeder.result(n);
    }
}
