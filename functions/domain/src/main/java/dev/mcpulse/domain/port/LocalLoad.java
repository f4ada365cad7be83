package dev.mcpulse.domain.port;

import java.time.Duration;

/**
 * How much this process's own work was held up (waiting for a CPU, or queued behind other work) since a moment:
 * what tells a server that did not answer in time from a monitor that could not listen in time.
 */
public interface LocalLoad {

    /** Nothing measured: nothing is ever held up (tests of other things, tools that probe one endpoint). */
    LocalLoad NONE = () -> new Mark() {
        private final long start = System.nanoTime();

        @Override
        public Duration stalled() {
            return Duration.ZERO;
        }

        @Override
        public Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    };

    /** A moment on the monitor's own timeline, to ask later what happened since. */
    Mark mark();

    /** What happened since a {@link #mark()}. */
    interface Mark {
        /** The longest any one monitored thread was held up since the mark, a hold-up still under way included. */
        Duration stalled();

        /** The time since the mark. */
        Duration elapsed();
    }

    /** The worst of several monitors: the process is held up when any of its threads that do probe work is. */
    static LocalLoad worstOf(LocalLoad... monitors) {
        if (monitors.length == 0) {
            throw new IllegalArgumentException("the worst of no monitors is undefined");
        }
        return () -> {
            Mark[] marks = new Mark[monitors.length];
            for (int i = 0; i < monitors.length; i++) {
                marks[i] = monitors[i].mark();
            }
            return new Mark() {
                @Override
                public Duration stalled() {
                    Duration worst = Duration.ZERO;
                    for (Mark mark : marks) {
                        Duration stalled = mark.stalled();
                        worst = stalled.compareTo(worst) > 0 ? stalled : worst;
                    }
                    return worst;
                }

                @Override
                public Duration elapsed() {
                    return marks[0].elapsed();
                }
            };
        };
    }
}
