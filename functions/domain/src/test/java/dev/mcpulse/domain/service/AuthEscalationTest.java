package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.bearer;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class AuthEscalationTest {

    static final String CANARY = "canary-Token-Value-93ab71";
    static final ProbeResult REJECTED = failed(new ProbeOutcome.AuthRejected(ProbeStep.DISCOVER, 401,
            Optional.of("Bearer"), Optional.of("invalid_token")));
    static final ProbeResult TIMEOUT = failed(new ProbeOutcome.Timeout(ProbeStep.TOOLS_LIST, Duration.ofSeconds(10)));

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger escalationLogger = (Logger) LoggerFactory.getLogger(AuthEscalation.class);
    final Logger checkerLogger = (Logger) LoggerFactory.getLogger(EndpointChecker.class);

    @BeforeEach
    void capture() {
        logs.start();
        escalationLogger.addAppender(logs);
        checkerLogger.addAppender(logs);
    }

    @AfterEach
    void release() {
        escalationLogger.detachAppender(logs);
        checkerLogger.detachAppender(logs);
    }

    @Test
    void warnsBelowThreeEscalatesAtTheThirdAndRepeatsEveryTwentyWhileOtherFailuresLeaveTheCountAlone() {
        Endpoint ep = endpoint("payments", bearer("mcpulse/prod/payments-token"), Map.of());
        AtomicReference<ProbeResult> next = new AtomicReference<>();
        var clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
        var store = new InMemorySnapshotStore();
        var checker = new EndpointChecker(new MapSecretResolver(Map.of("mcpulse/prod/payments-token", CANARY)),
                (endpoint, credential) -> CompletableFuture.completedFuture(next.get()), store,
                new StatusPolicy(clock), change -> { }, clock, INTERVAL);

        // 401, 401, timeout, then 401 until the 23rd auth failure, then success.
        List<ProbeResult> sequence = new ArrayList<>(List.of(REJECTED, REJECTED, TIMEOUT));
        for (int i = 3; i <= 23; i++) {
            sequence.add(REJECTED);
        }
        sequence.add(ok());
        List<Integer> counts = new ArrayList<>();
        for (ProbeResult result : sequence) {
            next.set(result);
            clock.advance(INTERVAL);
            checker.checkNow(ep);
            counts.add(store.latest(ep.id()).map(HealthSnapshot::consecutiveAuthFailures).orElseThrow());
        }

        assertThat(counts.subList(0, 5)).containsExactly(1, 2, 2, 3, 4);
        assertThat(counts.get(counts.size() - 2)).isEqualTo(23);
        assertThat(counts.getLast()).isZero();

        List<ILoggingEvent> escalation = logs.list.stream()
                .filter(e -> e.getLoggerName().equals(AuthEscalation.class.getName())).toList();
        assertThat(escalation).extracting(e -> e.getLevel().toString() + "@" + failuresOf(e))
                .containsExactly("WARN@1", "WARN@2", "ERROR@3", "ERROR@23");
        assertThat(escalation.get(2).getFormattedMessage())
                .isEqualTo("endpoint payments failed authentication 3 times in a row (auth_rejected): rotate the "
                        + "secret mcpulse/prod/payments-token, or check it holds the credential this server expects");
        assertThat(logs.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(CANARY);
            assertThat(String.valueOf(e.getKeyValuePairs())).doesNotContain(CANARY);
        });
    }

    /**
     * The OAuth links count as authentication failures: the same WARN, WARN, ERROR, then every 20th, and each ERROR
     * is an escalation for the metric, whichever link broke.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auth_server_refused", "auth_discovery_failed", "auth_server_unreachable"})
    void theOAuthOutcomesEscalateLikeARejectedCredential(String code) {
        ProbeOutcome outcome = switch (code) {
            case "auth_server_refused" -> new ProbeOutcome.AuthServerRefused(401, "invalid_client", "client revoked");
            case "auth_discovery_failed" -> new ProbeOutcome.AuthDiscoveryFailed("protected_resource_metadata",
                    Optional.of(404), "the document is missing");
            default -> new ProbeOutcome.AuthServerUnreachable(Optional.of(503), "no token and no OAuth error");
        };
        Endpoint ep = endpoint("oauth", new dev.mcpulse.domain.endpoint.AuthRef.OAuthClientCredentials("probe",
                new dev.mcpulse.domain.endpoint.AuthRef.SecretRef("mcpulse/oauth-client", Optional.empty()), Optional.empty(),
                dev.mcpulse.domain.endpoint.AuthRef.TokenEndpointAuth.CLIENT_SECRET_BASIC, Optional.empty(), Optional.empty()),
                Map.of());
        var clock = new ManualClock();
        var store = new InMemorySnapshotStore();
        var checker = new EndpointChecker(new MapSecretResolver(Map.of("mcpulse/oauth-client", CANARY)),
                (endpoint, credential) -> CompletableFuture.completedFuture(failed(outcome)), store,
                new StatusPolicy(clock), change -> { }, clock, INTERVAL);

        List<Integer> escalatedAt = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            clock.advance(INTERVAL);
            checker.checkNow(ep);
            HealthSnapshot written = store.latest(ep.id()).orElseThrow();
            assertThat(written.outcome().code()).isEqualTo(code);
            assertThat(written.consecutiveAuthFailures()).isEqualTo(i);
            if (AuthEscalation.escalates(written)) {
                escalatedAt.add(i);
            }
        }

        assertThat(escalatedAt).containsExactly(3, 23);
        List<ILoggingEvent> escalation = logs.list.stream()
                .filter(e -> e.getLoggerName().equals(AuthEscalation.class.getName())).toList();
        assertThat(escalation).extracting(e -> e.getLevel().toString() + "@" + failuresOf(e))
                .containsExactly("WARN@1", "WARN@2", "ERROR@3", "ERROR@23");
        assertThat(escalation.get(2).getFormattedMessage()).contains("(" + code + ")");
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage() + e.getKeyValuePairs()).doesNotContain(CANARY));
    }

    @Test
    void insufficientScopeAsksForTheScope() {
        Endpoint ep = endpoint("scoped", bearer("mcpulse/scoped"), Map.of());
        HealthSnapshot third = new HealthSnapshot(ep.id(), Instant.EPOCH, dev.mcpulse.domain.health.OutcomeKind.AUTH_INSUFFICIENT_SCOPE,
                Optional.of(ProbeStep.TOOLS_LIST), Optional.of(403), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                dev.mcpulse.domain.health.Latency.total(1), 3, 3, Optional.empty(), Instant.EPOCH);

        AuthEscalation.report(ep, third);

        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("works but lacks a scope", "mcpulse/scoped");
    }

    @Test
    void aRefusedOAuthClientNamesTheClientAndItsSecret() {
        Endpoint ep = endpoint("oauth", new dev.mcpulse.domain.endpoint.AuthRef.OAuthClientCredentials("probe",
                new dev.mcpulse.domain.endpoint.AuthRef.SecretRef("mcpulse/oauth-client", Optional.empty()), Optional.empty(),
                dev.mcpulse.domain.endpoint.AuthRef.TokenEndpointAuth.CLIENT_SECRET_BASIC, Optional.empty(), Optional.empty()),
                Map.of());
        HealthSnapshot third = new HealthSnapshot(ep.id(), Instant.EPOCH, dev.mcpulse.domain.health.OutcomeKind.AUTH_SERVER_REFUSED,
                Optional.of(ProbeStep.TOKEN), Optional.of(401), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                dev.mcpulse.domain.health.Latency.total(1), 3, 3, Optional.empty(), Instant.EPOCH);

        AuthEscalation.report(ep, third);

        assertThat(logs.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
            assertThat(e.getFormattedMessage()).contains("(auth_server_refused)", "refused the client", "mcpulse/oauth-client");
        });
    }

    @Test
    void aBrokenSignInChainPointsAtTheServersMetadataNotAtAMissingCredential() {
        Endpoint ep = endpoint("public", new dev.mcpulse.domain.endpoint.AuthRef.OAuthDiscovery(), Map.of());
        HealthSnapshot third = new HealthSnapshot(ep.id(), Instant.EPOCH, dev.mcpulse.domain.health.OutcomeKind.AUTH_DISCOVERY_FAILED,
                Optional.of(ProbeStep.AUTH_DISCOVERY), Optional.of(404), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                dev.mcpulse.domain.health.Latency.total(1), 3, 3, Optional.empty(), Instant.EPOCH);

        AuthEscalation.report(ep, third);

        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("(auth_discovery_failed)", "OAuth metadata").doesNotContain("add an auth reference");
    }

    static String failuresOf(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().filter(kv -> kv.key.equals("consecutiveAuthFailures"))
                .map(kv -> String.valueOf(kv.value)).findFirst().orElse("?");
    }
}
