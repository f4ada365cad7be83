package dev.mcpulse.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.port.LocalLoad;
import dev.mcpulse.testsupport.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A thread's hold-ups, from how late its periodic task runs; time is moved by hand. */
class LagMeterTest {

    private static final Duration PERIOD = Duration.ofMillis(10);

    private final ManualClock clock = new ManualClock();
    private final LagMeter meter = new LagMeter(clock, PERIOD);

    private void tickAfter(long millis) {
        clock.advance(Duration.ofMillis(millis));
        meter.tick();
    }

    @Test
    void aTaskThatRunsOnTimeMeansNoHoldUp() {
        LocalLoad.Mark mark = meter.mark();
        for (int i = 0; i < 100; i++) {
            tickAfter(10);
        }
        assertThat(mark.stalled()).isZero();
        assertThat(mark.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void timerSlackIsNotAHoldUp() {
        LocalLoad.Mark mark = meter.mark();
        tickAfter(12); // 2 ms late: within the slack
        assertThat(mark.stalled()).isZero();
    }

    @Test
    void aLateTaskIsAHoldUpAsLongAsItWasLateAndCountsOnlyWithinTheWindow() {
        LocalLoad.Mark before = meter.mark();
        tickAfter(10);
        clock.advance(Duration.ofMillis(100));
        LocalLoad.Mark during = meter.mark(); // 90 ms into a 300 ms hold-up
        clock.advance(Duration.ofMillis(210));
        meter.tick(); // due at 20 ms, ran at 320 ms: held up for 300 ms
        LocalLoad.Mark after = meter.mark();
        tickAfter(10);

        assertThat(before.stalled()).isEqualTo(Duration.ofMillis(300));
        assertThat(during.stalled()).isEqualTo(Duration.ofMillis(210));
        assertThat(after.stalled()).isZero();
    }

    @Test
    void ofManyHoldUpsAWindowCountsThoseItOverlapsOnly() {
        tickAfter(10);
        tickAfter(60); // due at 20, ran at 70: 50 ms, before the window
        tickAfter(10);
        clock.advance(Duration.ofMillis(40));
        LocalLoad.Mark mark = meter.mark(); // at 120, 30 ms into a hold-up that began at 90
        clock.advance(Duration.ofMillis(20));
        meter.tick(); // ran at 140: 50 ms, 20 of them in the window
        tickAfter(10);
        tickAfter(110); // due at 160, ran at 260: 100 ms

        assertThat(mark.stalled()).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void aHoldUpStillUnderWayCounts() {
        LocalLoad.Mark mark = meter.mark();
        tickAfter(10);
        clock.advance(Duration.ofMillis(510)); // the next tick was due 500 ms ago and has not run

        assertThat(mark.stalled()).isEqualTo(Duration.ofMillis(500));
        assertThat(mark.elapsed()).isEqualTo(Duration.ofMillis(520));
    }

    @Test
    void theWorstOfSeveralMonitorsSpeaksForTheProcess() {
        LagMeter other = new LagMeter(clock, PERIOD);
        LocalLoad.Mark mark = LocalLoad.worstOf(meter, other).mark();
        clock.advance(Duration.ofMillis(10));
        meter.tick();
        clock.advance(Duration.ofMillis(80));
        meter.tick(); // 70 ms late
        other.tick(); // 80 ms late (its last tick was due at 10 ms)

        assertThat(mark.stalled()).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void holdUpsOlderThanTheHorizonAreForgotten() {
        LocalLoad.Mark mark = meter.mark();
        clock.advance(Duration.ofMillis(1_010));
        meter.tick(); // a 1 s hold-up
        clock.advance(LagMeter.HORIZON.plusSeconds(1));
        meter.tick(); // so long a hold-up is itself recorded; the old one is gone
        assertThat(mark.stalled()).isEqualTo(LagMeter.HORIZON.plusSeconds(1).minus(PERIOD));
    }
}
