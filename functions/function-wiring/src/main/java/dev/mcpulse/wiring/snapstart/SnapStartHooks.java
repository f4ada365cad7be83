package dev.mcpulse.wiring.snapstart;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.util.List;
import org.crac.Core;

/**
 * Registers {@link SnapStartPriming} with the CRaC global context when Lambda initializes a SnapStart snapshot
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, which Micronaut reads as {@value #INITIALIZATION_TYPE}); on an
 * on-demand start, in the local runner and in tests that do not ask for it, the bean does not exist and nothing is
 * primed. The CRaC context holds its resources weakly: this singleton keeps the hook alive.
 */
@Context
@Requires(property = SnapStartHooks.INITIALIZATION_TYPE, value = SnapStartHooks.SNAP_START)
public final class SnapStartHooks {

    public static final String INITIALIZATION_TYPE = "aws.lambda.initialization.type";
    public static final String SNAP_START = "snap-start";

    private final SnapStartPriming priming;

    SnapStartHooks(List<Priming> primings) {
        this.priming = new SnapStartPriming(primings);
        Core.getGlobalContext().register(priming);
    }

    /** The registered hook (the benchmark's harness and tests call it as Lambda would). */
    public SnapStartPriming priming() {
        return priming;
    }
}
