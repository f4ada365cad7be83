package dev.mcpulse.domain.service;

import static dev.mcpulse.domain.service.ServiceFixtures.INTERVAL;
import static dev.mcpulse.domain.service.ServiceFixtures.endpoint;
import static dev.mcpulse.domain.service.ServiceFixtures.failed;
import static dev.mcpulse.domain.service.ServiceFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.domain.health.ProbeOutcome;
import dev.mcpulse.domain.health.ProbeResult;
import dev.mcpulse.domain.health.ProbeStep;
import dev.mcpulse.domain.health.StatusPolicy;
import dev.mcpulse.domain.memory.InMemoryEndpointRegistry;
import dev.mcpulse.domain.memory.InMemoryMetricsSink;
import dev.mcpulse.domain.memory.InMemorySnapshotStore;
import dev.mcpulse.domain.metrics.MetricNames;
import dev.mcpulse.domain.memory.MapSecretResolver;
import dev.mcpulse.domain.port.HostnameCheck;
import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.domain.port.Prober;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A probe spoiled by mcpulse's own overload is not recorded: it is made again later, with a deadline stretched by the
 * time the process lost, and if every attempt is spoiled nothing is stored. The load is scripted here (the real
 * thing, a starved JVM, is ProbingUnderStarvationIT in mcp-client); the prober port is the boundary.
 */
class OverloadRetryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final InMemorySnapshotStore store = new InMemorySnapshotStore();
    /** The deadline of each attempt the prober was asked to make. */
    private final List<Duration> attempts = new CopyOnWriteArrayList<>();
    private final Deque<ProbeResult> answers = new ArrayDeque<>();
    private final Deque<LocalLoad.Mark> windows = new ArrayDeque<>();
    private final ProbeAdmission admission = new ProbeAdmission(8, clock);
    private final InMemoryMetricsSink metrics = new InMemoryMetricsSink();

    private final Prober prober = (endpoint, credential) -> {
        attempts.add(endpoint.timeout());
        return CompletableFuture.completedFuture(answers.removeFirst());
    };

    /** The next attempt's window; the invocation's own mark (taken first) and unscripted ones lose nothing. */
    private final LocalLoad load = () -> windows.isEmpty() ? window(0, 0) : windows.removeFirst();

    private EndpointChecker checker() {
        return new EndpointChecker(new MapSecretResolver(Map.of()), prober, store, new StatusPolicy(clock),
                change -> { }, clock, INTERVAL, admission, metrics, load);
    }

    private Endpoint slowpoke() {
        return slowpoke("slowpoke");
    }

    private Endpoint slowpoke(String id) {
        Endpoint base = endpoint(id);
        return new Endpoint(base.id(), base.name(), base.labels(), base.url(), base.transport(), base.auth(), DEADLINE,
                base.readiness(), base.enabled());
    }

    private static ProbeResult timeout() {
        return failed(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, DEADLINE));
    }

    private void script(long elapsedMs, long stalledMs) {
        windows.add(window(elapsedMs, stalledMs));
    }

    @Test
    void aTimeoutWhileTheProcessWasHeldUpIsProbedAgainWithAStretchedDeadlineAndOnlyTheVerdictIsStored() {
        windows.add(window(0, 0)); // the invocation
        script(10_000, 5_000); // half of the first attempt lost: the server had 5 s of a 10 s deadline
        answers.add(timeout());
        answers.add(ok());

        var checked = checker().checkAll(List.of(slowpoke()));

        assertThat(attempts).containsExactly(DEADLINE, Duration.ofSeconds(20));
        assertThat(checked).singleElement().extracting(c -> c.result().outcome().kind()).isEqualTo(OutcomeKind.OK);
        assertThat(store.latest(slowpoke().id())).get().extracting(s -> s.outcome()).isEqualTo(OutcomeKind.OK);
        assertThat(admission.current()).as("the spoiled attempt halved the bound").isEqualTo(4);
    }

    @Test
    void aTimeoutAfterAWholeDeadlineOfAttentionIsTheServersAndIsStoredAtOnce() {
        windows.add(window(0, 0));
        script(10_050, 300); // held up a little: the server still had 9.75 s of a 10 s deadline
        answers.add(timeout());

        var checked = checker().checkAll(List.of(slowpoke()));

        assertThat(attempts).containsExactly(DEADLINE);
        assertThat(checked).singleElement().extracting(c -> c.result().outcome().kind()).isEqualTo(OutcomeKind.TIMEOUT);
        assertThat(admission.current()).isEqualTo(8);
    }

    @Test
    void aTimeoutWhoseTimerFiredLateBehindAHoldUpIsProbedAgainAndTheAnswerOfTheRetryIsStored() {
        windows.add(window(0, 0));
        script(10_900, 1_000); // held up from 9.9 s to 10.9 s: an answer in that second was never read in time
        answers.add(timeout());
        answers.add(ok());

        var checked = checker().checkAll(List.of(slowpoke()));

        assertThat(attempts).hasSize(2).first().isEqualTo(DEADLINE);
        assertThat(checked).singleElement().extracting(c -> c.result().outcome().kind()).isEqualTo(OutcomeKind.OK);
        assertThat(store.latest(slowpoke().id())).get().extracting(s -> s.outcome()).isEqualTo(OutcomeKind.OK);
    }

    @Test
    void aRecordedTimeoutsLogLineSaysHowLongMcpulseWasHeldUpDuringIt() {
        windows.add(window(0, 0));
        script(10_050, 300);
        answers.add(timeout());
        var logs = CheckerLogs.during(ch.qos.logback.classic.Level.INFO, () -> checker().checkAll(List.of(slowpoke())));

        assertThat(logs).filteredOn(e -> e.getMessage().equals("probe result")).singleElement()
                .satisfies(line -> assertThat(line.getKeyValuePairs())
                        .anySatisfy(pair -> {
                            assertThat(pair.key).isEqualTo("outcome");
                            assertThat(pair.value).isEqualTo("timeout");
                        })
                        .anySatisfy(pair -> {
                            assertThat(pair.key).isEqualTo("stalledMs");
                            assertThat(pair.value).isEqualTo(300L);
                        }));
    }

    @Test
    void aStretchedAttemptThatTimesOutWithAWholeDeadlineOfAttentionIsRecordedAgainstTheEndpointsOwnDeadline() {
        windows.add(window(0, 0));
        script(10_000, 6_000);
        script(25_000, 10_000); // stretched to 25 s; 15 s of attention: more than the 10 s deadline
        answers.add(timeout());
        answers.add(failed(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, Duration.ofSeconds(25))));

        var checked = checker().checkAll(List.of(slowpoke()));

        assertThat(attempts).containsExactly(DEADLINE, Duration.ofSeconds(25));
        ProbeOutcome outcome = checked.getFirst().result().outcome();
        assertThat(outcome).isEqualTo(new ProbeOutcome.Timeout(ProbeStep.DISCOVER, DEADLINE));
    }

    @Test
    void whatTheServerSaidIsRecordedWhateverTheLoad() {
        windows.add(window(0, 0));
        script(200, 190);
        answers.add(failed(new ProbeOutcome.HttpError(ProbeStep.DISCOVER, 502, "bad gateway")));

        var checked = checker().checkAll(List.of(slowpoke()));

        assertThat(attempts).hasSize(1);
        assertThat(checked.getFirst().result().outcome().kind()).isEqualTo(OutcomeKind.HTTP_ERROR);
    }

    @Test
    void whenEveryAttemptIsSpoiledNothingIsStoredAndTheInvocationDoesNotFail() {
        windows.add(window(0, 0));
        for (int i = 0; i <= OverloadGuard.MAX_RETRIES; i++) {
            script(10_000, 9_000);
            answers.add(timeout());
        }
        Endpoint healthyNeighbour = endpoint("neighbour");
        answers.add(ok()); // the neighbour is probed after the slowpoke's attempts (their futures are complete)
        script(100, 0);

        var checked = checker().checkAll(List.of(slowpoke(), healthyNeighbour));

        assertThat(attempts).hasSize(OverloadGuard.MAX_RETRIES + 2);
        assertThat(checked).extracting(c -> c.endpoint().id().value()).containsExactly("neighbour");
        assertThat(store.latest(slowpoke().id())).isEmpty();
    }

    @Test
    void checksLeftWithoutAVerdictAreCountedInTheShardsMetrics() {
        windows.add(window(0, 0));
        List<Endpoint> starved = List.of(slowpoke("slowpoke-1"), slowpoke("slowpoke-2"));
        for (int i = 0; i < starved.size() * (OverloadGuard.MAX_RETRIES + 1); i++) {
            script(10_000, 9_000);
            answers.add(timeout());
        }
        answers.add(ok()); // the neighbour, probed after the starved endpoints' attempts
        script(100, 0);

        var checked = checker().checkAll(List.of(starved.get(0), starved.get(1), endpoint("neighbour")));

        assertThat(checked).extracting(c -> c.endpoint().id().value()).containsExactly("neighbour");
        assertThat(metrics.lastSums()).containsEntry(MetricNames.CHECKS_WITHOUT_VERDICT, 2.0)
                .containsEntry(MetricNames.outcome(OutcomeKind.OK), 1.0)
                .containsEntry(MetricNames.outcome(OutcomeKind.TIMEOUT), 0.0)
                .containsEntry(MetricNames.PROBER_FAILURES, 0.0);
    }

    @Test
    void aRetryThatNoLongerFitsTheBudgetIsNotMade() {
        LocalLoad.Mark invocation = new LocalLoad.Mark() {
            @Override
            public Duration stalled() {
                return Duration.ZERO;
            }

            @Override
            public Duration elapsed() {
                return Duration.ofSeconds(50); // of a 60 s budget: a stretched 20 s retry does not fit
            }
        };
        windows.add(invocation);
        script(10_000, 5_000);
        answers.add(timeout());

        var checked = checker().checkAll(List.of(slowpoke()), Duration.ofSeconds(60));

        assertThat(attempts).containsExactly(DEADLINE);
        assertThat(checked).isEmpty();
        assertThat(store.latest(slowpoke().id())).isEmpty();
    }

    @Test
    void aCheckOnRequestWhoseEveryAttemptIsSpoiledSaysSoAndStoresNothing() {
        windows.add(window(18_000, 0)); // the request has waited 18 s of its 27: no whole deadline fits again
        script(10_000, 9_000);
        answers.add(timeout());

        assertThatThrownBy(() -> checker().checkNow(slowpoke(), Duration.ofSeconds(27)))
                .isInstanceOf(GuardedProber.LocalOverload.class)
                .hasMessage("mcpulse was too overloaded to check slowpoke within 27 s; nothing was stored, try again");
        assertThat(attempts).containsExactly(DEADLINE);
        assertThat(store.latest(slowpoke().id())).isEmpty();
    }

    @Test
    void aCheckOnRequestWithAVerdictReturnsIt() {
        windows.add(window(0, 0));
        script(300, 0);
        answers.add(ok());

        assertThat(checker().checkNow(slowpoke(), Duration.ofSeconds(27)).result().outcome().kind())
                .isEqualTo(OutcomeKind.OK);
    }

    @Test
    void aValidationWhoseEveryAttemptIsSpoiledIsNoVerdictNotTheServersTimeout() {
        windows.add(window(18_000, 0)); // the trial's own mark: 18 s of its 27 gone, no whole deadline fits again
        script(10_000, 9_000);
        answers.add(timeout());
        RegistryEditor editor = new RegistryEditor(new InMemoryEndpointRegistry(), store, HostnameCheck.NONE,
                () -> Optional.of(checker()), clock);

        var validation = editor.validate(slowpoke(), Duration.ofSeconds(27));

        assertThat(validation).isEqualTo(new RegistryEditor.Validation.NoVerdict(
                "mcpulse was too overloaded to probe slowpoke within 27 s; try again"));
        assertThat(attempts).containsExactly(DEADLINE);
    }

    @Test
    void aValidationRetriesASpoiledProbeWhileADeadlineFits() {
        windows.add(window(0, 0));
        script(10_000, 5_000);
        answers.add(timeout());
        answers.add(ok());

        var trial = checker().trial(slowpoke(), Duration.ofSeconds(55));

        assertThat(attempts).containsExactly(DEADLINE, Duration.ofSeconds(20));
        assertThat(trial.seen().outcome()).isEqualTo(OutcomeKind.OK);
    }

    @Test
    void aCheckOnRequestGetsARetryWithTheDeadlineItsBudgetStillHolds() {
        windows.add(window(0, 0));
        script(400, 300); // a refused connection while the process was held up: no verdict
        answers.add(failed(new ProbeOutcome.Unreachable(ProbeStep.DISCOVER, "connection refused")));
        answers.add(ok());

        var checked = checker().checkNow(slowpoke(), Duration.ofSeconds(27));

        // stretched threefold (30 s) it would not fit 27 s: it gets what is left, at least its own 10 s
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1)).isGreaterThanOrEqualTo(DEADLINE).isLessThan(Duration.ofSeconds(25));
        assertThat(checked.result().outcome().kind()).isEqualTo(OutcomeKind.OK);
    }

    @Test
    void aStretchedDeadlineIsShortenedToTheBudgetButNeverBelowTheEndpointsOwn() {
        assertThat(GuardedProber.fitted(Duration.ofSeconds(30), DEADLINE, Duration.ofSeconds(27)))
                .isEqualTo(Duration.ofSeconds(25).minusMillis(1));
        assertThat(GuardedProber.fitted(Duration.ofSeconds(15), DEADLINE, Duration.ofSeconds(27)))
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(GuardedProber.fitted(Duration.ofSeconds(30), DEADLINE, Duration.ofSeconds(11)))
                .as("no room for a whole deadline: unchanged, and the retry is not made").isEqualTo(Duration.ofSeconds(30));
    }

    private static LocalLoad.Mark window(long elapsedMs, long stalledMs) {
        return new LocalLoad.Mark() {
            @Override
            public Duration stalled() {
                return Duration.ofMillis(stalledMs);
            }

            @Override
            public Duration elapsed() {
                return Duration.ofMillis(elapsedMs);
            }
        };
    }
}
