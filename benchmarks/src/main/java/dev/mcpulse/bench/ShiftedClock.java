package dev.mcpulse.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, moved forward on request: a benchmark's next cycle is "the next scheduled cycle", one probe
 * interval after the last, so every endpoint is due again without waiting a real interval (without the shift the
 * scheduler would rightly skip them all). It starts from the real now, so TTLs and certificates meet real time.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the benchmark's clock is UTC only");
        }
        return this;
    }
}
