package dev.mcpulse.mcp;

import dev.mcpulse.domain.ProbeOutcome;

/**
 * Carries a classified outcome out of the middle of a probe's pipeline. It never leaves {@link McpProber}: the
 * prober turns it back into a value. No stack trace, because it is a verdict about a server, not a bug.
 */
final class ProbeFailure extends RuntimeException {

    private final transient ProbeOutcome outcome;

    ProbeFailure(ProbeOutcome outcome) {
        super(null, null, false, false);
        this.outcome = outcome;
    }

    ProbeOutcome outcome() {
        return outcome;
    }
}
