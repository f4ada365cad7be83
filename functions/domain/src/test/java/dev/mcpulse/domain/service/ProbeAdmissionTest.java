package dev.mcpulse.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import dev.mcpulse.testsupport.ManualClock;
import org.junit.jupiter.api.Test;

/** The bound on probes in flight: a probe past it starts (and its deadline with it) only when a place frees up. */
class ProbeAdmissionTest {

    @Test
    void probesPastTheBoundStartOnlyWhenAPlaceFreesUp() throws Exception {
        ProbeAdmission admission = new ProbeAdmission(2);
        List<Integer> started = new CopyOnWriteArrayList<>();
        List<CompletableFuture<String>> servers = new ArrayList<>();
        List<CompletableFuture<String>> admitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<String> server = new CompletableFuture<>();
            servers.add(server);
            int index = i;
            admitted.add(admission.admit(() -> {
                started.add(index);
                return server;
            }));
        }

        assertThat(started).containsExactly(0, 1);
        assertThat(admission.inFlight()).isEqualTo(2);

        servers.get(0).complete("ok-0");
        assertThat(admitted.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("ok-0");
        awaitStarted(started, 3);
        assertThat(started).containsExactly(0, 1, 2); // one place freed, one more started, the rest still wait

        for (int i = 1; i < 5; i++) {
            awaitStarted(started, i + 2 > 5 ? 5 : i + 2);
            servers.get(i).complete("ok-" + i);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(admitted.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("ok-" + i);
        }
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aProbeThatThrowsFailsOnlyItsOwnFutureAndFreesItsPlace() throws Exception {
        ProbeAdmission admission = new ProbeAdmission(1);
        CompletableFuture<String> broken = admission.admit(() -> {
            throw new StackOverflowError("a bug in the prober");
        });
        CompletableFuture<String> next = admission.admit(() -> CompletableFuture.completedFuture("ok"));

        assertThatThrownBy(broken::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(StackOverflowError.class);
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void theBoundForThisMachineFollowsItsProcessorsAndABadBoundIsRefused() {
        assertThat(ProbeAdmission.forThisMachine().limit()).isEqualTo(Math.max(ProbeAdmission.AT_LEAST,
                ProbeAdmission.PER_PROCESSOR * Runtime.getRuntime().availableProcessors()));
        assertThatThrownBy(() -> new ProbeAdmission(0)).hasMessage("probes in flight must be at least 1, was 0");
    }

    @Test
    void overloadHalvesTheBoundOncePerCoolDownAndNeverBelowOne() {
        ManualClock clock = new ManualClock();
        ProbeAdmission admission = new ProbeAdmission(64, clock);

        admission.overloaded();
        admission.overloaded(); // the same wave of late probes: counted once
        assertThat(admission.current()).isEqualTo(32);

        for (int i = 0; i < 10; i++) {
            clock.advance(ProbeAdmission.COOL_DOWN);
            admission.overloaded();
        }
        assertThat(admission.current()).isEqualTo(1);
        assertThat(admission.limit()).as("the ceiling").isEqualTo(64);
    }

    @Test
    void probesWithoutOverloadRaiseTheBoundByOnePerRoundUpToTheCeiling() {
        ManualClock clock = new ManualClock();
        ProbeAdmission admission = new ProbeAdmission(5, clock);
        admission.overloaded(); // 2

        admission.clear();
        assertThat(admission.current()).isEqualTo(2);
        admission.clear(); // two clear probes at a bound of two: one more
        assertThat(admission.current()).isEqualTo(3);
        for (int i = 0; i < 100; i++) {
            admission.clear();
        }
        assertThat(admission.current()).isEqualTo(5);
    }

    @Test
    void aLoweredBoundHoldsProbesBackAndARaisedOneLetsThemIn() throws Exception {
        ManualClock clock = new ManualClock();
        ProbeAdmission admission = new ProbeAdmission(2, clock);
        List<Integer> started = new CopyOnWriteArrayList<>();
        List<CompletableFuture<String>> servers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CompletableFuture<String> server = new CompletableFuture<>();
            servers.add(server);
            int index = i;
            admission.admit(() -> {
                started.add(index);
                return server;
            });
        }
        assertThat(started).containsExactly(0, 1);

        admission.overloaded(); // the bound is 1, two are in flight
        servers.get(0).complete("ok");
        assertThat(admission.inFlight()).as("the freed place is not handed on above the bound").isEqualTo(1);
        assertThat(started).containsExactly(0, 1);

        admission.clear(); // one clear probe at a bound of one: two
        awaitStarted(started, 3);
        assertThat(started).containsExactly(0, 1, 2);
        servers.forEach(server -> server.complete("ok"));
        awaitStarted(started, 4);
    }

    /** Waiting probes start on another thread: wait (bounded) until {@code count} have started. */
    private static void awaitStarted(List<Integer> started, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (started.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(started).hasSizeGreaterThanOrEqualTo(count);
    }
}
