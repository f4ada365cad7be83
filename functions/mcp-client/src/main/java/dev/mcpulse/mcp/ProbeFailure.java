package dev.mcpulse.mcp;

import dev.mcpulse.domain.health.ProbeOutcome;

/**
 * Carries a classified outcome out of the middle of a probe's pipeline. It never leaves {@link McpProber}: the
 * prober turns it back into a value. No stack trace, because it is a verdict about a server, not a bug.
 */
final class ProbeFailure extends RuntimeException {

    private final transient ProbeOutcome outcome;
    private final boolean settled;

    ProbeFailure(ProbeOutcome outcome) {
        this(outcome, false);
    }

    private ProbeFailure(ProbeOutcome outcome, boolean settled) {
        super(null, null, false, false);
        this.outcome = outcome;
        this.settled = settled;
    }

    /** An outcome reached after the probe already tried the one recovery it allows: no fallback may retry it. */
    static ProbeFailure settled(ProbeOutcome outcome) {
        return new ProbeFailure(outcome, true);
    }

    ProbeOutcome outcome() {
        return outcome;
    }

    boolean settled() {
        return settled;
    }
}
