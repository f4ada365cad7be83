package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.AuthRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.endpoint.Transport;
import dev.mcpulse.domain.health.Era;
import dev.mcpulse.domain.health.Latency;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the domain service tests share. They start their {@code ManualClock}s at fixed instants: the in-memory stores
 * keep no TTL and nothing here reads the real clock, so nothing these tests write can expire.
 */
final class ServiceFixtures {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    private ServiceFixtures() {
    }

    /**
     * Ids ({@code ep-NNN}) of which {@code perBucket[b]} fall in bucket b of {@code perBucket.length}: the scheduler
     * shards by bucket, so a test can ask for shards of exact sizes. In bucket order.
     */
    static java.util.List<String> idsInBuckets(int... perBucket) {
        int[] wanted = perBucket.clone();
        java.util.List<java.util.List<String>> found = new java.util.ArrayList<>();
        for (int b = 0; b < wanted.length; b++) {
            found.add(new java.util.ArrayList<>());
        }
        int left = java.util.Arrays.stream(wanted).sum();
        for (int n = 0; left > 0; n++) {
            if (n > 1_000_000) {
                throw new IllegalStateException("no ids found for these buckets");
            }
            String id = String.format("ep-%03d", n);
            int bucket = new EndpointId(id).bucket(wanted.length);
            if (wanted[bucket] > 0) {
                wanted[bucket]--;
                left--;
                found.get(bucket).add(id);
            }
        }
        return found.stream().flatMap(java.util.List::stream).toList();
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
}
