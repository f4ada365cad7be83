package dev.mcpulse.domain.service;

import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.health.ProbeOutcome;
import java.time.Duration;

/**
 * Tells a verdict on the server from one on mcpulse. An attempt ran for {@code elapsed}, of which this process was
 * held up ({@link dev.mcpulse.domain.port.LocalLoad}) for {@code stalled}: the server had our attention for the
 * difference. A {@code timeout} is the server's only if it had our attention for (nearly) its whole deadline, and
 * as the deadline passed (else an answer that came during the hold-up may lie unread when the late timer fires); a lost
 * or refused connection only if the process was not overloaded meanwhile. Anything else the server said itself.
 *
 * <p>An attempt that was not a verdict is made again later with its wall-clock deadline stretched by the share of
 * time the last one lost (at most tripled, never past {@link Endpoint#MAX_TIMEOUT}), so that in a process that stays
 * short of CPU a silent server still gets a full deadline of attention and is recorded as {@code timeout}.
 */
final class OverloadGuard {

    /** At most this many more attempts of one endpoint in one invocation after an attempt that was not a verdict. */
    static final int MAX_RETRIES = 3;
    /** A window held up for at least this share of it was overloaded (for the admission bound, and connections)... */
    static final double OVERLOADED_SHARE = 0.25;
    /** ...and for at least this long (a refused connection is over in a millisecond, whatever the load). */
    static final Duration OVERLOADED_AT_LEAST = Duration.ofMillis(100);
    /** The share of a deadline the process may lose and still blame the server for a timeout (timers are not exact). */
    static final int SLACK_DIVISOR = 10;
    /** The most a retry's wall-clock deadline is stretched, as a multiple of the endpoint's deadline. */
    static final int MAX_STRETCH = 3;

    private OverloadGuard() {
    }

    /** What one attempt saw, and how much of its time this process was held up. */
    record Window(Duration elapsed, Duration stalled) {

        /** Whether the process was overloaded: held up long enough, and for a large enough share of the window. */
        boolean overloaded() {
            return stalled.compareTo(OVERLOADED_AT_LEAST) >= 0 && stalled.toNanos() >= elapsed.toNanos() * OVERLOADED_SHARE;
        }

        /**
         * Whether the process was held up as {@code wallDeadline} passed: the attempt ended at least
         * {@link #OVERLOADED_AT_LEAST} after it, and the process lost at least as much meanwhile. An attempt that
         * times out ends at its deadline, give or take the timer's milliseconds.
         */
        boolean heldUpPast(Duration wallDeadline) {
            return elapsed.minus(wallDeadline).compareTo(OVERLOADED_AT_LEAST) >= 0
                    && stalled.compareTo(OVERLOADED_AT_LEAST) >= 0;
        }

        /** The time the server had this process's attention. */
        Duration attention() {
            return elapsed.minus(stalled);
        }
    }

    /**
     * Whether {@code outcome}, seen over {@code window}, is a verdict on the server with deadline {@code deadline}, the
     * attempt given {@code wallDeadline} (the deadline itself, or a retry's stretched one).
     */
    static boolean isVerdict(ProbeOutcome outcome, Duration deadline, Duration wallDeadline, Window window) {
        return switch (outcome) {
            // Spoiled when the process lost more than the slack of the deadline and so the server had less than the
            // rest of it (a prober may also report a timeout of its own before the deadline: not ours to excuse),
            // or when it was held up as the deadline passed: its timer then fires late, on another thread than the
            // one that reads the answer, which may have come during the hold-up and not been read yet.
            case ProbeOutcome.Timeout timeout -> {
                Duration slack = deadline.dividedBy(SLACK_DIVISOR);
                yield !window.heldUpPast(wallDeadline) && (window.stalled().compareTo(slack) <= 0
                        || window.attention().compareTo(deadline.minus(slack)) >= 0);
            }
            case ProbeOutcome.Unreachable unreachable -> !window.overloaded();
            case ProbeOutcome.AuthServerUnreachable unreachable -> !window.overloaded();
            default -> true;
        };
    }

    /**
     * The wall-clock deadline of the next attempt: the endpoint's deadline stretched so that, if the process is held
     * up as much as during {@code last}, the server still gets the whole deadline of attention.
     */
    static Duration nextDeadline(Duration deadline, Window last) {
        long elapsed = Math.max(1, last.elapsed().toNanos());
        double lost = Math.min(1.0, (double) last.stalled().toNanos() / elapsed);
        double stretch = lost >= 1.0 - 1.0 / MAX_STRETCH ? MAX_STRETCH : 1.0 / (1.0 - lost);
        Duration stretched = Duration.ofNanos((long) (deadline.toNanos() * stretch));
        Duration longest = Endpoint.MAX_TIMEOUT.compareTo(deadline) > 0 ? Endpoint.MAX_TIMEOUT : deadline;
        return stretched.compareTo(longest) > 0 ? longest : stretched;
    }
}
