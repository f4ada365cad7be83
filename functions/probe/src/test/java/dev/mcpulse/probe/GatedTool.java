package dev.mcpulse.probe;

import dev.mcpulse.mcpservers.TestTool;
import dev.mcpulse.mcpservers.ToolReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only readiness tool for a real MCP server whose next calls can be held until the test opens the gate: a
 * probe that is verifiably in flight, for as long as the test needs (never longer than {@link #HOLD_LIMIT}).
 */
final class GatedTool {

    static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final AtomicInteger toHold = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedTool(String name) {
        this.name = name;
    }

    TestTool tool() {
        return new TestTool(name, "Readiness check that the test can hold.", TestTool.objectSchema(Map.of(), List.of()),
                true, arguments -> {
                    if (toHold.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        waiting.incrementAndGet();
                        try {
                            gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            waiting.decrementAndGet();
                        }
                    }
                    return ToolReply.text("ok");
                });
    }

    String name() {
        return name;
    }

    /** The next {@code calls} calls wait until {@link #open()}; later ones answer at once. */
    void holdNext(int calls) {
        gate = new CountDownLatch(1);
        toHold.set(calls);
    }

    void open() {
        gate.countDown();
    }

    /** Waits (bounded) until {@code calls} calls are being held; false if they did not arrive in time. */
    boolean awaitHeld(int calls, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (waiting.get() < calls && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        return waiting.get() >= calls;
    }
}
