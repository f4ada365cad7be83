package dev.mcpulse.wiring.snapstart;

/**
 * Work a function does once before its SnapStart snapshot, so that the first request after a restore does not pay
 * for it: a first SDK call, the serde of a payload, a first probe. It must leave no connection open (a socket in a
 * snapshot is dead after the restore); clients open new ones when they are next used.
 */
public interface Priming {

    /** Names the priming in log lines: {@code dynamodb}, {@code serde}, {@code probe}. */
    String name();

    /** Does the work; a failure is logged by {@link SnapStartPriming} and never fails the snapshot. */
    void run() throws Exception;

    static Priming of(String name, Work work) {
        return new Priming() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() throws Exception {
                work.run();
            }
        };
    }

    /** The work of a {@link #of named} priming. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
