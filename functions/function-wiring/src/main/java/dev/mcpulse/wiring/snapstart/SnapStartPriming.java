package dev.mcpulse.wiring.snapstart;

import dev.mcpulse.domain.port.FailureDescription;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart's runtime hook (the CRaC API Lambda calls): before the snapshot, run the function's {@link Priming}s one
 * after the other; after a restore, nothing — the clients open new connections when they are next used. A priming
 * that fails is logged (WARN, with a description built from safe parts only) and the next one runs: a failed priming
 * costs the first request some time, it must never fail the deployment that takes the snapshot.
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final List<Priming> primings;

    public SnapStartPriming(List<Priming> primings) {
        this.primings = List.copyOf(primings);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (Priming priming : primings) {
            long started = System.nanoTime();
            try {
                priming.run();
                LOG.atInfo().addKeyValue("priming", priming.name())
                        .addKeyValue("latencyMs", (System.nanoTime() - started) / 1_000_000)
                        .log("primed before the snapshot");
            } catch (VirtualMachineError e) {
                throw e; // the JVM itself is failing: nothing to prime, and the snapshot should not be taken
            } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.atWarn().addKeyValue("priming", priming.name())
                        .log("priming failed; the snapshot is taken without it: {}", FailureDescription.of(e));
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to reopen by hand: the SDK and Netty clients connect again on their next call.
    }
}
