package dev.mcpulse.domain.service;

import dev.mcpulse.domain.AuthRef;
import dev.mcpulse.domain.Endpoint;
import dev.mcpulse.domain.EndpointId;
import dev.mcpulse.domain.Era;
import dev.mcpulse.domain.Latency;
import dev.mcpulse.domain.ProbeOutcome;
import dev.mcpulse.domain.ProbeResult;
import dev.mcpulse.domain.Transport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

final class ServiceFixtures {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    private ServiceFixtures() {
    }

    static Endpoint endpoint(String id) {
        return endpoint(id, new AuthRef.None(), Map.of());
    }

    static Endpoint endpoint(String id, AuthRef auth, Map<String, String> labels) {
        return new Endpoint(new EndpointId(id), id, labels, URI.create("https://" + id + ".example.com/mcp"),
                Transport.AUTO, auth, Duration.ofSeconds(10), Optional.empty(), true);
    }

    static AuthRef bearer(String secretId) {
        return new AuthRef.Bearer(new AuthRef.SecretRef(secretId, Optional.empty()));
    }

    static ProbeResult ok() {
        return new ProbeResult(new ProbeOutcome.Ok(), Optional.of(200), Optional.of(Era.MODERN),
                Optional.of("2026-07-28"), Optional.of("srv"), Optional.of("1"), Optional.of(2), Optional.of("hash"),
                Latency.total(15));
    }

    static ProbeResult failed(ProbeOutcome outcome) {
        return new ProbeResult(outcome, outcome.httpStatus(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Latency.total(7));
    }

    /**
     * A clock the test moves by hand. The domain tests may start it at a fixed instant: their in-memory stores keep
     * no TTL and nothing else here reads the real clock, so nothing they write can expire.
     */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
