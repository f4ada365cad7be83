package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.bearer;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.AuthRef.SecretRef;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.SecretValue;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.MetricsSink;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.domain.port.SecretResolver;
import dev.mcpulse.testsupport.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Secrets are cached for several cycles (each lookup is a billed call), so a rotation must not wait for the cache:
 * a server's refusal of the cached value makes the checker read the secret again, past the cache, and probe with
 * the new value — the rotation never shows as the server rejecting mcpulse. A refusal of the current value stands.
 */
class SecretRotationTest {

    private static final String SECRET = "team/token";

    private final ManualClock clock = new ManualClock();
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    private final CachingResolver secrets = new CachingResolver();
    /** The token each probe was sent with. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    /** The server accepts only the secret's current value, as a server does after a rotation. */
    private final Prober server = (endpoint, credential) -> {
        String token = credential.map(SecretValue::reveal).orElse("");
        sent.add(token);
        return CompletableFuture.completedFuture(token.equals(secrets.store.get(SECRET)) ? ok()
                : failed(new ProbeOutcome.AuthRejected(ProbeStep.INITIALIZE, 401, Optional.of("Bearer"), Optional.empty())));
    };

    private EndpointChecker checker() {
        return new EndpointChecker(secrets, server, store, new StatusPolicy(clock), change -> { }, clock, INTERVAL,
                new ProbeAdmission(8, clock), MetricsSink.NONE, LocalLoad.NONE);
    }

    private final Endpoint locked = endpoint("locked", bearer(SECRET), Map.of());

    @Test
    void aSecretRotatedSinceItWasCachedIsReadAgainAndTheServerJudgedOnTheNewValue() {
        secrets.store.put(SECRET, "old-token");
        assertThat(checker().checkNow(locked).result().outcome().kind()).isEqualTo(OutcomeKind.OK);
        secrets.store.put(SECRET, "new-token"); // rotated; the cache still holds the old value

        var checked = checker().checkNow(locked);

        assertThat(checked.result().outcome().kind()).isEqualTo(OutcomeKind.OK);
        assertThat(sent).containsExactly("old-token", "old-token", "new-token");
        assertThat(secrets.freshReads).isEqualTo(1);
        assertThat(store.latest(locked.id())).get().extracting(s -> s.outcome()).isEqualTo(OutcomeKind.OK);
        // the cache now holds the new value: the next check sends it at once
        checker().checkNow(locked);
        assertThat(sent).endsWith("new-token", "new-token");
    }

    @Test
    void aRefusalOfTheCurrentValueIsTheServersAndIsProbedOnce() {
        secrets.store.put(SECRET, "old-token");
        secrets.resolve(new SecretRef(SECRET, Optional.empty())); // cached
        secrets.store.put(SECRET, "old-token");
        Prober refusesEverything = (endpoint, credential) -> {
            sent.add(credential.map(SecretValue::reveal).orElse(""));
            return CompletableFuture.completedFuture(
                    failed(new ProbeOutcome.AuthRejected(ProbeStep.INITIALIZE, 401, Optional.empty(), Optional.empty())));
        };
        EndpointChecker checker = new EndpointChecker(secrets, refusesEverything, store, new StatusPolicy(clock),
                change -> { }, clock, INTERVAL, new ProbeAdmission(8, clock), MetricsSink.NONE, LocalLoad.NONE);

        var checked = checker.checkNow(locked);

        assertThat(checked.result().outcome().kind()).isEqualTo(OutcomeKind.AUTH_REJECTED);
        assertThat(sent).containsExactly("old-token");
        assertThat(secrets.freshReads).as("the secret was read again to tell a rotation from a refusal").isEqualTo(1);
    }

    @Test
    void anEndpointWithoutASecretIsNeverReadAgain() {
        Prober refuses = (endpoint, credential) -> CompletableFuture.completedFuture(
                failed(new ProbeOutcome.AuthRejected(ProbeStep.INITIALIZE, 401, Optional.empty(), Optional.empty())));
        EndpointChecker checker = new EndpointChecker(secrets, refuses, store, new StatusPolicy(clock), change -> { },
                clock, INTERVAL, new ProbeAdmission(8, clock), MetricsSink.NONE, LocalLoad.NONE);

        assertThat(checker.checkNow(endpoint("open")).result().outcome().kind()).isEqualTo(OutcomeKind.AUTH_REJECTED);
        assertThat(secrets.freshReads).isZero();
    }

    /** A secret store behind a cache that keeps a value until it is read fresh, as the Secrets Manager adapter does. */
    private static final class CachingResolver implements SecretResolver {
        final Map<String, String> store = new ConcurrentHashMap<>();
        final Map<String, String> cache = new ConcurrentHashMap<>();
        volatile int freshReads;

        @Override
        public SecretLookup resolve(SecretRef ref) {
            String value = cache.computeIfAbsent(ref.secretId(), store::get);
            return value == null ? new SecretLookup.NotFound("no secret " + ref.secretId())
                    : new SecretLookup.Found(new SecretValue(value));
        }

        @Override
        public SecretLookup resolveFresh(SecretRef ref) {
            freshReads++;
            cache.remove(ref.secretId());
            return resolve(ref);
        }
    }
}
